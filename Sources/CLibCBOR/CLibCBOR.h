// libcbor 0.10 as built by Toolchains/deps.sh.
#ifndef MINERVA_CLIBCBOR_H
#define MINERVA_CLIBCBOR_H
#include <cbor.h>
#endif
