// Known-answer check of a target's toolchain pieces, run by Toolchains/deps-check.sh under the
// target's emulator: musl start-up and stdio, libgcc helpers (64-bit division on 32-bit CPUs), the
// float ABI (a double computed through libm), mbedTLS and libcbor as built by deps.sh.
// Expected values come from the standards, not from this code: FIPS 180-2 Appendix B.1 (SHA-256 of
// "abc"), RFC 8949 Appendix A (1000 encodes as 0x1903e8).
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cbor.h>
#include <mbedtls/sha256.h>

static int failures;

static void check(const char *name, int ok) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", name);
    if (!ok) failures++;
}

int main(void) {
    static const unsigned char sha256_abc[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    };
    unsigned char digest[32];
    check("mbedtls sha256(\"abc\")",
          mbedtls_sha256((const unsigned char *)"abc", 3, digest, 0) == 0 && memcmp(digest, sha256_abc, 32) == 0);

    unsigned char encoded[8];
    cbor_item_t *item = cbor_build_uint16(1000);
    size_t length = cbor_serialize(item, encoded, sizeof encoded);
    cbor_decref(&item);
    check("libcbor encode 1000", length == 3 && encoded[0] == 0x19 && encoded[1] == 0x03 && encoded[2] == 0xe8);

    volatile uint64_t big = 0x123456789abcdefULL, divisor = 1000003;
    check("64-bit division", big / divisor == 81985283260ULL && big % divisor == 637115ULL);

    volatile double base = 2.0, exponent = 10.0;
    check("pow(2, 10) through the float ABI", pow(base, exponent) == 1024.0);

    return failures == 0 ? 0 : 1;
}
