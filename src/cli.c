/* Command line: options into a2b_options, then the pipeline. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "art2book/art2book.h"
#include "imgconv.h"
#include "pipeline.h"

static void usage(FILE *out) {
  fputs(
      "Usage: art2book [options] [--epub FILE] [--pdf FILE] INPUT...\n"
      "Turn folders of Markdown articles with front matter into one EPUB 3 book\n"
      "and one typeset PDF digest.\n"
      "\n"
      "INPUT is a folder (scanned recursively for .md and .markdown files) or a file.\n"
      "\n"
      "Output:\n"
      "  --epub FILE          write an EPUB 3 book\n"
      "  --pdf FILE           write a PDF print digest\n"
      "  --dump FILE          write the document model as text ('-': standard output)\n"
      "  --dump-layout FILE   with --pdf: write every page's placed items as JSON\n"
      "PDF:\n"
      "  --paper SIZE         a4, a5 (default), b5, letter or WIDTHxHEIGHTmm\n"
      "  --style FILE         print style (YAML) over the built-in one\n"
      "  --font-dir DIR       more fonts\n"
      "  --recto              articles start on odd (right-hand) pages\n"
      "Book:\n"
      "  --config FILE        book metadata (default: book.yaml beside the first input)\n"
      "  --title TEXT         book title\n"
      "  --author TEXT        book author\n"
      "  --lang TAG           book language (BCP 47); also picks translations (index.TAG.md)\n"
      "  --identifier ID      dc:identifier (default: a UUID from the title and articles)\n"
      "  --date DATE          publication date (YYYY-MM-DD)\n"
      "  --cover FILE         cover image (PNG, JPEG or GIF); without one, art2book\n"
      "                       draws a cover: title, dates and the lead images\n"
      "  --no-cover           no cover unless --cover or book.yaml gives one\n"
      "  --css FILE           a stylesheet added after the default one\n"
      "  --base-url URL       site base URL whose path prefix is stripped from\n"
      "                       site-absolute links such as /blog/img/x.png\n"
      "  --toc-depth N        heading levels under each article in the contents (default 2)\n"
      "Remote images:\n"
      "  --cache-dir DIR      where fetched images are kept between runs\n"
      "                       (default: $XDG_CACHE_HOME/art2book or ~/.cache/art2book)\n"
      "  --offline            use only images already in the cache\n"
      "  --fetch-timeout S    seconds allowed for each image (default 30)\n"
      "  --allow-private-network\n"
      "                       also fetch from loopback and private addresses\n"
      "                       (link-local and cloud metadata stay refused)\n"
      "Images:\n"
      "  --max-image-width PX wider images are scaled down to PX pixels (default 1600;\n"
      "                       0: never); WebP, TIFF and BMP become PNG or JPEG\n"
      "  --grayscale          images in 8-bit gray, for e-ink readers\n"
      "  --no-lead-images     do not show an article's front matter thumbnail\n"
      "                       (thumbnail, image, cover.image, images) above it\n"
      "Articles:\n"
      "  --sort KEY           date (default), weight, title or path; ties by path\n"
      "  --reverse            reverse the order\n"
      "  --drafts             include drafts (draft: true, published: false)\n"
      "Behaviour:\n"
      "  --strict             any warning fails the run; nothing is written\n"
      "  --verbose            list skipped files and what was written\n"
      "  --help, --version\n"
      "\n"
      "Exit status: 0 success, 1 articles skipped (or warnings with --strict),\n"
      "2 usage error, 3 I/O error.\n",
      out);
}

enum {
  OPT_EPUB = 256, OPT_PDF, OPT_DUMP, OPT_CONFIG, OPT_TITLE, OPT_AUTHOR, OPT_LANG,
  OPT_IDENTIFIER, OPT_DATE, OPT_COVER, OPT_CSS, OPT_BASE_URL, OPT_TOC_DEPTH, OPT_SORT,
  OPT_REVERSE, OPT_DRAFTS, OPT_STRICT, OPT_VERBOSE, OPT_HELP, OPT_VERSION, OPT_DUMP_LAYOUT,
  OPT_PAPER, OPT_STYLE, OPT_FONT_DIR, OPT_RECTO, OPT_CACHE_DIR, OPT_OFFLINE, OPT_FETCH_TIMEOUT,
  OPT_ALLOW_PRIVATE, OPT_MAX_IMAGE_WIDTH, OPT_GRAYSCALE, OPT_NO_COVER, OPT_NO_LEAD_IMAGES
};

static const struct option long_options[] = {
    {"epub", required_argument, NULL, OPT_EPUB},
    {"pdf", required_argument, NULL, OPT_PDF},
    {"dump", required_argument, NULL, OPT_DUMP},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"title", required_argument, NULL, OPT_TITLE},
    {"author", required_argument, NULL, OPT_AUTHOR},
    {"lang", required_argument, NULL, OPT_LANG},
    {"identifier", required_argument, NULL, OPT_IDENTIFIER},
    {"date", required_argument, NULL, OPT_DATE},
    {"cover", required_argument, NULL, OPT_COVER},
    {"no-cover", no_argument, NULL, OPT_NO_COVER},
    {"no-lead-images", no_argument, NULL, OPT_NO_LEAD_IMAGES},
    {"css", required_argument, NULL, OPT_CSS},
    {"base-url", required_argument, NULL, OPT_BASE_URL},
    {"toc-depth", required_argument, NULL, OPT_TOC_DEPTH},
    {"sort", required_argument, NULL, OPT_SORT},
    {"reverse", no_argument, NULL, OPT_REVERSE},
    {"drafts", no_argument, NULL, OPT_DRAFTS},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"verbose", no_argument, NULL, OPT_VERBOSE},
    {"dump-layout", required_argument, NULL, OPT_DUMP_LAYOUT},
    {"paper", required_argument, NULL, OPT_PAPER},
    {"style", required_argument, NULL, OPT_STYLE},
    {"font-dir", required_argument, NULL, OPT_FONT_DIR},
    {"recto", no_argument, NULL, OPT_RECTO},
    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
    {"offline", no_argument, NULL, OPT_OFFLINE},
    {"fetch-timeout", required_argument, NULL, OPT_FETCH_TIMEOUT},
    {"allow-private-network", no_argument, NULL, OPT_ALLOW_PRIVATE},
    {"max-image-width", required_argument, NULL, OPT_MAX_IMAGE_WIDTH},
    {"grayscale", no_argument, NULL, OPT_GRAYSCALE},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static int usage_error(const char *fmt, const char *arg) {
  fputs("art2book: error: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'art2book --help'.\n", stderr);
  return A2B_EXIT_USAGE;
}

int a2b_main(int argc, char **argv) {
  a2b_options o = {0};
  o.toc_depth = 2;
  o.sort = A2B_SORT_DATE;
  o.max_image_width = A2B_IMAGE_MAX_WIDTH_DEFAULT;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
    switch (c) {
    case OPT_EPUB: o.epub_path = optarg; break;
    case OPT_PDF: o.pdf_path = optarg; break;
    case OPT_DUMP: o.dump_path = optarg; break;
    case OPT_CONFIG: o.config_path = optarg; break;
    case OPT_TITLE: o.title = optarg; break;
    case OPT_AUTHOR: o.author = optarg; break;
    case OPT_LANG: o.lang = optarg; break;
    case OPT_IDENTIFIER: o.identifier = optarg; break;
    case OPT_DATE: o.date = optarg; break;
    case OPT_COVER: o.cover = optarg; break;
    case OPT_NO_COVER: o.no_cover = true; break;
    case OPT_NO_LEAD_IMAGES: o.no_lead_images = true; break;
    case OPT_CSS: o.css = optarg; break;
    case OPT_BASE_URL: o.base_url = optarg; break;
    case OPT_TOC_DEPTH: {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (*optarg == '\0' || *end || n < 0 || n > 6)
        return usage_error("--toc-depth takes a number from 0 to 6, not '%s'", optarg);
      o.toc_depth = (int)n;
      break;
    }
    case OPT_MAX_IMAGE_WIDTH: {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (*optarg == '\0' || *end || n < 0 || n > A2B_IMAGE_MAX_SIDE)
        return usage_error("--max-image-width takes a number of pixels (0: never), not '%s'",
                           optarg);
      o.max_image_width = (int)n;
      break;
    }
    case OPT_GRAYSCALE: o.grayscale = true; break;
    case OPT_SORT:
      if (!strcmp(optarg, "date")) o.sort = A2B_SORT_DATE;
      else if (!strcmp(optarg, "weight")) o.sort = A2B_SORT_WEIGHT;
      else if (!strcmp(optarg, "title")) o.sort = A2B_SORT_TITLE;
      else if (!strcmp(optarg, "path")) o.sort = A2B_SORT_PATH;
      else return usage_error("--sort takes date, weight, title or path, not '%s'", optarg);
      break;
    case OPT_REVERSE: o.reverse = true; break;
    case OPT_DRAFTS: o.drafts = true; break;
    case OPT_STRICT: o.strict = true; break;
    case OPT_VERBOSE: o.verbose = true; break;
    case OPT_DUMP_LAYOUT: o.dump_layout_path = optarg; break;
    case OPT_PAPER: o.paper = optarg; break;
    case OPT_STYLE: o.style_path = optarg; break;
    case OPT_FONT_DIR: o.font_dir = optarg; break;
    case OPT_RECTO: o.recto = true; break;
    case OPT_CACHE_DIR:
      if (!*optarg) return usage_error("%s", "--cache-dir needs a folder name");
      o.cache_dir = optarg;
      break;
    case OPT_OFFLINE: o.offline = true; break;
    case OPT_FETCH_TIMEOUT: {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (*optarg == '\0' || *end || n < 1 || n > 3600)
        return usage_error("--fetch-timeout takes seconds from 1 to 3600, not '%s'", optarg);
      o.fetch_timeout = (int)n;
      break;
    }
    case OPT_ALLOW_PRIVATE: o.allow_private_network = true; break;
    case OPT_HELP: usage(stdout); return A2B_EXIT_OK;
    case OPT_VERSION: printf("art2book %s\n", A2B_VERSION); return A2B_EXIT_OK;
    case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
    default: return usage_error("unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc) return usage_error("%s", "no input folder or file given");
  if (!o.epub_path && !o.pdf_path && !o.dump_path)
    return usage_error("%s", "nothing to write: give --epub FILE, --pdf FILE or --dump FILE");
  if (o.dump_layout_path && !o.pdf_path)
    return usage_error("%s", "--dump-layout needs --pdf FILE");
  o.inputs = (const char **)argv + optind;
  o.n_inputs = (size_t)(argc - optind);
  return a2b_pipeline_run(&o);
}
