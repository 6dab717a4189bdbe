// The signal handler of TemporaryFiles, in C so that it is async-signal-safe by construction:
// it reads only lock-free atomics and sig_atomic_t flags, and calls only unlink, sigaction,
// sigemptyset, sigaddset, pthread_sigmask and raise, all on POSIX's async-signal-safe list.
// Paths are copied into memory that is never freed, so a handler on another thread never
// reads a freed string.
#include "staged_files.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CAPACITY 64

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2, "the handler reads the slots without locks");

static _Atomic(char *) slots[CAPACITY];
static volatile sig_atomic_t committing;
static volatile sig_atomic_t deferred;
static atomic_flag installed = ATOMIC_FLAG_INIT;
/// SIG_DFL with an empty mask, made before any handler can run.
static struct sigaction default_action;

static void unlink_staged_and_die(int signal) {
    for (int slot = 0; slot < CAPACITY; slot++) {
        char *path = atomic_load(&slots[slot]);
        if (path) unlink(path);
    }
    sigaction(signal, &default_action, NULL);
    // The signal is blocked while its handler runs; unblock it so that raise takes effect now.
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, signal);
    pthread_sigmask(SIG_UNBLOCK, &mask, NULL);
    raise(signal);
}

static void handle(int signal) {
    if (committing) {
        deferred = signal;
        return;
    }
    unlink_staged_and_die(signal);
}

int staged_files_install(const int *signals, int count) {
    if (atomic_flag_test_and_set(&installed)) return 0;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handle;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < count; i++) sigaddset(&action.sa_mask, signals[i]);
    action.sa_flags = SA_RESTART;
    for (int i = 0; i < count; i++) {
        struct sigaction current;
        if (sigaction(signals[i], NULL, &current) != 0) continue;
        if (current.sa_handler == SIG_IGN) continue;  // nohup, a background job
        sigaction(signals[i], &action, NULL);
    }
    signal(SIGXFSZ, SIG_IGN);
    return 0;
}

int staged_files_register(const char *path) {
    char *copy = strdup(path);
    if (!copy) return -1;
    for (int slot = 0; slot < CAPACITY; slot++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&slots[slot], &expected, copy)) return slot;
    }
    free(copy);
    return -1;
}

void staged_files_unregister(int slot) {
    if (slot >= 0 && slot < CAPACITY) atomic_store(&slots[slot], NULL);  // the copy is kept: see above
}

void staged_files_begin_commit(void) { committing = 1; }

void staged_files_end_commit(void) {
    committing = 0;
    int signal = deferred;
    if (signal) {
        deferred = 0;
        unlink_staged_and_die(signal);
    }
}
