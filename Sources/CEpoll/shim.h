#ifndef CONFEMU_CEPOLL_SHIM_H
#define CONFEMU_CEPOLL_SHIM_H
// Glibc's Swift overlay does not expose epoll, eventfd or accept4 (architecture.md §2).
// No _GNU_SOURCE here: it changes the definitions in <sys/socket.h> and <sys/resource.h>, which then
// clash with the same types in the Glibc module whenever a Swift file imports both. accept4 is
// declared by hand instead (its glibc prototype needs _GNU_SOURCE).
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/tcp.h>

extern int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

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

// Registers `fd` with `events`, carrying `token` (a connection id) instead of the fd, so an fd number
// reused within one epoll_wait batch can never be mistaken for another connection.
static inline int confemu_epoll_ctl_token(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &event);
}

// epoll_wait into plain arrays: `struct epoll_event` is packed on x86_64, which Swift cannot lay out.
static inline int confemu_epoll_wait_tokens(int epfd, uint64_t *tokens, uint32_t *events, int max, int timeout) {
    struct epoll_event buffer[256];
    if (max > 256) { max = 256; }
    int count = epoll_wait(epfd, buffer, max, timeout);
    for (int i = 0; i < count; i++) {
        tokens[i] = buffer[i].data.u64;
        events[i] = buffer[i].events;
    }
    return count;
}

static inline int confemu_eventfd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

static inline int confemu_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

static const uint32_t confemu_epollin = EPOLLIN;
static const uint32_t confemu_epollout = EPOLLOUT;
static const uint32_t confemu_epollrdhup = EPOLLRDHUP;
static const uint32_t confemu_epollhup = EPOLLHUP;
static const uint32_t confemu_epollerr = EPOLLERR;
static const int confemu_epoll_ctl_add = EPOLL_CTL_ADD;
static const int confemu_epoll_ctl_mod = EPOLL_CTL_MOD;
static const int confemu_epoll_ctl_del = EPOLL_CTL_DEL;
static const int confemu_accept_flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
#endif
