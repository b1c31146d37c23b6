// The libc and Linux uapi surface Minerva Connect uses, one header for both build modes: glibc in
// host builds, musl plus Debian's linux-libc-dev headers in the shipped Embedded builds.
#ifndef MINERVA_CLINUX_H
#define MINERVA_CLINUX_H

// Needs _GNU_SOURCE (setns, unshare, in6_pktinfo, recvmmsg): the build defines it for every
// clang module, see Package.swift and Toolchains/cross.sh.

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <net/if.h>          // before <linux/if.h>: libc-compat.h keys off its guard
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <netinet/ip6.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <linux/xfrm.h>

// Variadic and macro-only parts of libc that Swift cannot call or see directly.
int mc_errno(void);
void mc_set_errno(int value);
int mc_open(const char *path, int flags, unsigned int mode);
int mc_fcntl_int(int fd, int cmd, int arg);
int mc_ioctl_ptr(int fd, unsigned long request, void *arg);

// Ancillary data (cmsg) walking: the CMSG_* macros are not importable.
struct cmsghdr *mc_cmsg_firsthdr(struct msghdr *msg);
struct cmsghdr *mc_cmsg_nxthdr(struct msghdr *msg, struct cmsghdr *cmsg);
unsigned char *mc_cmsg_data(struct cmsghdr *cmsg);
size_t mc_cmsg_space(size_t length);
size_t mc_cmsg_len(size_t length);

// Socket calls with plain `struct sockaddr *` parameters: with _GNU_SOURCE, glibc declares them
// with transparent unions (__SOCKADDR_ARG) that Swift cannot pass a pointer to; musl does not.
int mc_bind(int fd, const struct sockaddr *address, socklen_t length);
int mc_connect(int fd, const struct sockaddr *address, socklen_t length);
int mc_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
int mc_getsockname(int fd, struct sockaddr *address, socklen_t *length);
int mc_getpeername(int fd, struct sockaddr *address, socklen_t *length);
ssize_t mc_sendto(int fd, const void *buffer, size_t size, int flags, const struct sockaddr *address, socklen_t length);

// Constants that glibc declares inside *named* enums (imported by Swift as wrapper structs) while
// musl declares them as plain macros (imported as Int32), plus ioctl numbers built by the _IOW
// function-like macro, which Swift cannot expand: one spelling that works with both libcs.
static const int MC_SOCK_STREAM = SOCK_STREAM;
static const int MC_SOCK_DGRAM = SOCK_DGRAM;
static const int MC_SOCK_RAW = SOCK_RAW;
static const int MC_SOCK_NONBLOCK = SOCK_NONBLOCK;
static const int MC_SOCK_CLOEXEC = SOCK_CLOEXEC;
static const uint32_t MC_EPOLLIN = EPOLLIN;
static const uint32_t MC_EPOLLOUT = EPOLLOUT;
static const uint32_t MC_EPOLLERR = EPOLLERR;
static const uint32_t MC_EPOLLHUP = EPOLLHUP;
static const uint32_t MC_EPOLLRDHUP = EPOLLRDHUP;
static const unsigned long MC_TUNSETIFF = TUNSETIFF;

#endif
