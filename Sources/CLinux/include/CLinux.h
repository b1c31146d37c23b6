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

#endif
