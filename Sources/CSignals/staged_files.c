// The signal handler of OutputFolder.write, in C so that it is async-signal-safe by construction:
// it touches only lock-free atomics, and calls only unlink, sigaction, sigemptyset, sigaddset,
// pthread_sigmask and raise, all on POSIX's async-signal-safe list. A signal may be handled on
// any thread (a sweep trains on several), so the commit state is atomic too.
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

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2 && ATOMIC_INT_LOCK_FREE == 2, "the handler uses atomics without locks");

static _Atomic(char *) slots[CAPACITY];
/// How many commits are renaming files now (in-process tests run several at once).
static _Atomic int commits;
/// A signal that arrived during a commit, or 0; whoever swaps it out acts on it.
static _Atomic int deferred;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static const int *install_signals;
static int install_count;
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
    if (atomic_load(&commits) > 0) {
        atomic_store(&deferred, signal);
        // If the last commit ended meanwhile, it may have missed the signal: take it back.
        if (atomic_load(&commits) > 0) return;
        signal = atomic_exchange(&deferred, 0);
        if (!signal) return;  // the commit's end took it
    }
    unlink_staged_and_die(signal);
}

static void install_once(void) {
    const int *signals = install_signals;
    int count = install_count;
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
}

int staged_files_install(const int *signals, int count) {
    // pthread_once makes a second caller wait until the handlers are in place.
    install_signals = signals;
    install_count = count;
    pthread_once(&installed, install_once);
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

void staged_files_begin_commit(void) { atomic_fetch_add(&commits, 1); }

void staged_files_end_commit(void) {
    if (atomic_fetch_sub(&commits, 1) != 1) return;  // another commit is still renaming
    int signal = atomic_exchange(&deferred, 0);
    if (signal) unlink_staged_and_die(signal);
}
