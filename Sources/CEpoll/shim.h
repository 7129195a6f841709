#ifndef CONFEMU_CEPOLL_SHIM_H
#define CONFEMU_CEPOLL_SHIM_H
// Glibc's Swift overlay does not expose epoll, eventfd or accept4 (architecture.md §2).
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/tcp.h>

static inline int confemu_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

static inline uint32_t confemu_epoll_event_events(const struct epoll_event *event) {
    return event->events;
}

static inline int confemu_epoll_event_fd(const struct epoll_event *event) {
    return event->data.fd;
}

static inline int confemu_epoll_ctl(int epfd, int op, int fd, uint32_t events) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = 0;
    event.data.fd = fd;
    return epoll_ctl(epfd, op, fd, &event);
}
#endif
