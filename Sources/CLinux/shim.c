#include "CLinux.h"

int mc_errno(void) { return errno; }
void mc_set_errno(int value) { errno = value; }
int mc_open(const char *path, int flags, unsigned int mode) { return open(path, flags, mode); }
int mc_fcntl_int(int fd, int cmd, int arg) { return fcntl(fd, cmd, arg); }
int mc_ioctl_ptr(int fd, unsigned long request, void *arg) { return ioctl(fd, request, arg); }

struct cmsghdr *mc_cmsg_firsthdr(struct msghdr *msg) { return CMSG_FIRSTHDR(msg); }
struct cmsghdr *mc_cmsg_nxthdr(struct msghdr *msg, struct cmsghdr *cmsg) { return CMSG_NXTHDR(msg, cmsg); }
unsigned char *mc_cmsg_data(struct cmsghdr *cmsg) { return CMSG_DATA(cmsg); }
size_t mc_cmsg_space(size_t length) { return CMSG_SPACE(length); }
size_t mc_cmsg_len(size_t length) { return CMSG_LEN(length); }

int mc_bind(int fd, const struct sockaddr *address, socklen_t length) { return bind(fd, address, length); }
int mc_connect(int fd, const struct sockaddr *address, socklen_t length) { return connect(fd, address, length); }
int mc_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) { return accept4(fd, address, length, flags); }
int mc_getsockname(int fd, struct sockaddr *address, socklen_t *length) { return getsockname(fd, address, length); }
int mc_getpeername(int fd, struct sockaddr *address, socklen_t *length) { return getpeername(fd, address, length); }
ssize_t mc_sendto(int fd, const void *buffer, size_t size, int flags, const struct sockaddr *address, socklen_t length) {
    return sendto(fd, buffer, size, flags, address, length);
}
