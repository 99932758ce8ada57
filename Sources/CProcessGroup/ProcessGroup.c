#define _GNU_SOURCE
#include "ProcessGroup.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

// Everything below fork() uses only async-signal-safe calls: the caller is multithreaded.

static volatile sig_atomic_t runner_group = 0;

/// Kills the program's group, then every process left below the supervisor. The supervisor is a
/// child subreaper, so a descendant whose parent dies becomes its child even if it left the group
/// (Foundation's Process starts each child in a group of its own): killing the supervisor's
/// children until none is left reaches them all.
static void kill_descendants(void) {
    if (runner_group > 0) kill(-(pid_t)runner_group, SIGKILL);
#ifdef __linux__
    char path[64];
    pid_t self = getpid();
    // "/proc/<pid>/task/<pid>/children", written without stdio (async-signal-safe).
    char digits[16];
    int length = 0;
    for (pid_t value = self; value > 0 && length < 15; value /= 10) digits[length++] = (char)('0' + value % 10);
    char *cursor = path;
    const char *prefix = "/proc/";
    while (*prefix) *cursor++ = *prefix++;
    for (int index = length - 1; index >= 0; index--) *cursor++ = digits[index];
    const char *middle = "/task/";
    while (*middle) *cursor++ = *middle++;
    for (int index = length - 1; index >= 0; index--) *cursor++ = digits[index];
    const char *suffix = "/children";
    while (*suffix) *cursor++ = *suffix++;
    *cursor = 0;
    for (int pass = 0; pass < 10000; pass++) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) break;
        char text[4096];
        ssize_t count = read(fd, text, sizeof text - 1);
        close(fd);
        if (count <= 0) break;  // no children left
        pid_t pid = 0;
        for (ssize_t index = 0; index <= count; index++) {
            char c = index < count ? text[index] : ' ';
            if (c >= '0' && c <= '9') {
                pid = pid * 10 + (c - '0');
            } else if (pid > 0) {
                kill(pid, SIGKILL);
                pid = 0;
            }
        }
        int status;
        while (waitpid(-1, &status, WNOHANG) > 0) {}
        // A killed child is listed until it is reaped; give the kernel a moment.
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
#endif
}

static void supervisor_stop(int signal_number) {
    kill_descendants();
    _exit(128 + signal_number);
}

static void write_all(int fd, const void *bytes, size_t count) {
    const char *cursor = bytes;
    while (count > 0) {
        ssize_t written = write(fd, cursor, count);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        cursor += written;
        count -= (size_t)written;
    }
}

static void close_from(int lowest) {
#if defined(__linux__) && defined(SYS_close_range)
    if (syscall(SYS_close_range, (unsigned)lowest, ~0U, 0) == 0) return;
#endif
    long highest = sysconf(_SC_OPEN_MAX);
    if (highest < 0 || highest > 65536) highest = 65536;
    for (int fd = lowest; fd < highest; fd++) close(fd);
}

static void run_program(const char *path, char *const argv[], char *const envp[], const char *directory,
                        int output_fd, pid_t supervisor) {
    setpgid(0, 0);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != supervisor) _exit(127);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(output_fd, 1) < 0 || dup2(output_fd, 2) < 0) _exit(127);
    close_from(3);
    if (chdir(directory) != 0) _exit(127);
    execve(path, argv, envp);
    _exit(127);
}

static void supervise(const char *path, char *const argv[], char *const envp[], const char *directory,
                      int output_fd, int status_fd, pid_t parent) {
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = supervisor_stop;
    sigfillset(&stop.sa_mask);
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
    sigaction(SIGHUP, &stop, NULL);
    struct sigaction plain;
    memset(&plain, 0, sizeof plain);
    plain.sa_handler = SIG_DFL;
    sigaction(SIGPIPE, &plain, NULL);
    sigaction(SIGCHLD, &plain, NULL);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
    if (getppid() != parent) _exit(126);  // the caller died before the line above took effect

    pid_t program = fork();
    if (program < 0) _exit(125);
    if (program == 0) {
        // The program starts with default handlers and no signal blocked.
        struct sigaction plain_stop;
        memset(&plain_stop, 0, sizeof plain_stop);
        plain_stop.sa_handler = SIG_DFL;
        sigaction(SIGTERM, &plain_stop, NULL);
        sigaction(SIGINT, &plain_stop, NULL);
        sigaction(SIGHUP, &plain_stop, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        run_program(path, argv, envp, directory, output_fd, getppid());
    }
    setpgid(program, program);  // also here, so that the group exists before anyone signals it
    runner_group = program;
    close(output_fd);
    int pid_value = (int)program;
    write_all(status_fd, &pid_value, sizeof pid_value);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);  // from here a stop signal kills the group

    int status = 0;
    while (waitpid(program, &status, 0) < 0) {
        if (errno != EINTR) { status = 127 << 8; break; }
    }
    kill_descendants();  // whatever the program left running
    write_all(status_fd, &status, sizeof status);
    _exit(0);
}

static int pipe_cloexec(int fds[2]) {
#ifdef __linux__
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

int lossbook_group_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                         lossbook_group_child *child) {
    int output[2], status[2];
    if (pipe_cloexec(output) != 0) return errno;
    if (pipe_cloexec(status) != 0) {
        int error = errno;
        close(output[0]);
        close(output[1]);
        return error;
    }
    // Signals stay blocked from fork until the supervisor's handlers are in place.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t parent = getpid();
    pid_t supervisor = fork();
    if (supervisor == 0) {
        close(output[0]);
        close(status[0]);
        supervise(path, argv, envp, directory, output[1], status[1], parent);
    }
    int error = supervisor < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(output[1]);
    close(status[1]);
    if (error != 0) {
        close(output[0]);
        close(status[0]);
        return error;
    }
    child->supervisor = supervisor;
    child->output_fd = output[0];
    child->status_fd = status[0];
    return 0;
}
