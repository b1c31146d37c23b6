// mipsel only: the Swift toolchain ships libswiftUnicodeDataTables.a for ARM, AArch64 and x86 but
// not for MIPS, and those tables are compiled C++ (lookup code plus data), so they cannot be
// retargeted like our Swift IR. Any String `==`, `<` or hashing in the program references the
// normalisation entry points, even though ASCII and other already-NFC strings never reach them at
// run time (the stdlib compares and hashes NFC strings byte-wise). So that the mipsel binary links,
// each entry point is defined here to stop the process with a message: a non-ASCII, non-NFC string
// operation on mipsel ends the program instead of computing a wrong answer. Other targets link the
// real tables. Parameters are ignored, so the C signatures need not match the stdlib's.
#include <stdlib.h>
#include <unistd.h>

__attribute__((noreturn)) static void unicode_tables_absent(void) {
    static const char message[] =
        "minerva-connect: Unicode data tables are not available in the mipsel build "
        "(non-ASCII string normalisation or property lookup)\n";
    (void)write(2, message, sizeof message - 1);
    abort();
}

#define ABSENT(name) __attribute__((noreturn)) void name(void) { unicode_tables_absent(); }

ABSENT(_swift_stdlib_getAge)
ABSENT(_swift_stdlib_getBinaryProperties)
ABSENT(_swift_stdlib_getCaseMapping)
ABSENT(_swift_stdlib_getComposition)
ABSENT(_swift_stdlib_getDecompositionEntry)
ABSENT(_swift_stdlib_getGeneralCategory)
ABSENT(_swift_stdlib_getGraphemeBreakProperty)
ABSENT(_swift_stdlib_getMapping)
ABSENT(_swift_stdlib_getMphIdx)
ABSENT(_swift_stdlib_getNameAlias)
ABSENT(_swift_stdlib_getNormData)
ABSENT(_swift_stdlib_getNumericType)
ABSENT(_swift_stdlib_getNumericValue)
ABSENT(_swift_stdlib_getScalarBitArrayIdx)
ABSENT(_swift_stdlib_getScalarName)
ABSENT(_swift_stdlib_getScript)
ABSENT(_swift_stdlib_getScriptExtensions)
ABSENT(_swift_stdlib_getSpecialMapping)
ABSENT(_swift_stdlib_getWordBreakProperty)
ABSENT(_swift_stdlib_isExtendedPictographic)
ABSENT(_swift_stdlib_isInCB_Consonant)

// Read only after _swift_stdlib_getDecompositionEntry, which never returns here.
const unsigned char _swift_stdlib_nfd_decompositions[1];
