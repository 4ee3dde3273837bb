/* The art2book executable: everything is in the core library. */
#include "art2book/art2book.h"

int main(int argc, char **argv) { return a2b_main(argc, argv); }
