#ifndef LOSSBOOK_PROCESS_GROUP_H
#define LOSSBOOK_PROCESS_GROUP_H

#include <sys/types.h>

/// A program started by `lossbook_group_spawn`, with what the caller reads from it.
typedef struct {
    /// The supervisor: lossbook's direct child, which starts the program and outlives it.
    pid_t supervisor;
    /// Reading end of the pipe that receives the program's standard output and error.
    int output_fd;
    /// Reading end of the supervisor's report: the program's pid (an int), then, once it has
    /// ended, its wait status (an int). End of file without a status means the supervisor died.
    int status_fd;
} lossbook_group_child;

/// Starts `path` with `argv` and `envp` in `directory`, in a process group of its own, under a
/// small supervisor process (forked, no exec) that
///   - waits for the program, then kills what is left of its group (background children);
///   - on SIGTERM, SIGINT or SIGHUP kills the whole group and exits;
///   - receives SIGTERM when the calling thread dies (Linux: PR_SET_PDEATHSIG), so a build killed
///     with kill -9 or Ctrl-C takes the program and its children with it.
/// Standard input is /dev/null. Returns 0, or an errno value.
int lossbook_group_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                         lossbook_group_child *child);

#endif
