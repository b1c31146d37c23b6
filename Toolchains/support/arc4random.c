// arc4random_buf for musl 1.2.3, which lacks it (musl added it in 1.2.4 era libcs only via
// getrandom). The Embedded Swift stdlib calls it to seed Hasher and for SystemRandomNumberGenerator.
// Linked only into the cross-built binaries; host builds use glibc's.
#include <errno.h>
#include <stdlib.h>
#include <sys/random.h>

void arc4random_buf(void *buffer, size_t length) {
    unsigned char *next = buffer;
    while (length > 0) {
        ssize_t got = getrandom(next, length, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            // arc4random_buf cannot report failure; getrandom fails only without kernel support
            // (Linux < 3.17), where running on would mean predictable hash seeds.
            abort();
        }
        next += got;
        length -= (size_t)got;
    }
}
