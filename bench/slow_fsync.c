/* LD_PRELOAD shim for bench/stop_storage.py: every fsync()/fdatasync() of a file whose path
 * contains $SLOW_FSYNC_MATCH (default: every file) sleeps $SLOW_FSYNC_MS milliseconds (default
 * 200) before the real call, like a worn SD card. At exit the number of delayed calls is written
 * to $SLOW_FSYNC_REPORT (when set), so the bench can show the shim was really in the path.
 * Built by the bench at run time: gcc -shared -fPIC -O2 -o slow_fsync.so slow_fsync.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_long delayed_calls;

static int slow_path(int fd) {
    const char *match = getenv("SLOW_FSYNC_MATCH");
    if (match == NULL || *match == '\0')
        return 1;
    char link[64];
    char path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, sizeof path - 1);
    if (length < 0)
        return 0;
    path[length] = '\0';
    return strstr(path, match) != NULL;
}

static void delay(int fd) {
    if (!slow_path(fd))
        return;
    const char *text = getenv("SLOW_FSYNC_MS");
    long delay_ms = text != NULL ? atol(text) : 200;
    struct timespec left = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
    while (nanosleep(&left, &left) == -1 && errno == EINTR) {
    }
    atomic_fetch_add(&delayed_calls, 1);
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    delay(fd);
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    delay(fd);
    return real(fd);
}

__attribute__((destructor)) static void report(void) {
    const char *out = getenv("SLOW_FSYNC_REPORT");
    if (out == NULL)
        return;
    FILE *file = fopen(out, "w");
    if (file != NULL) {
        fprintf(file, "%ld\n", (long)atomic_load(&delayed_calls));
        fclose(file);
    }
}
