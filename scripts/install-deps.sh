#!/bin/sh
# Installs what art2book needs to build and test on Debian 12 (run as root).
# Build: compiler, cmake, the libraries, and the fonts the PDF uses (Noto CJK,
# LXGW WenKai) and its hyphenation patterns (English, German, French, Spanish,
# Italian). Tests: cmocka, EPUBCheck, xmllint, unzip, python3, qpdf,
# poppler-utils. Idempotent: apt-get skips what is installed.
set -eu
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (or with sudo)" >&2
  exit 1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config \
  libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libzip-dev libxml2-dev \
  libcurl4-openssl-dev libpng-dev libjpeg-dev libwebp-dev libtiff-dev \
  libpango1.0-dev libcairo2-dev librsvg2-dev libgif-dev libhyphen-dev \
  hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-it \
  fonts-noto-cjk fonts-noto-core fonts-lxgw-wenkai \
  libcmocka-dev epubcheck libxml2-utils unzip python3 qpdf poppler-utils >/dev/null
echo "install-deps.sh: build and test dependencies installed"
