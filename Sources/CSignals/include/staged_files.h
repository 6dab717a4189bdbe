#ifndef XORBACKPROP_STAGED_FILES_H
#define XORBACKPROP_STAGED_FILES_H

/// Installs, once, the handlers that unlink every registered path and then die of the signal.
/// Signals the process ignores stay ignored; SIGXFSZ becomes ignored, so that a file-size limit
/// (`ulimit -f`) makes write fail with EFBIG, an I/O error, instead of killing the process. Returns 0.
int staged_files_install(const int *signals, int count);

/// Registers a path to unlink on a signal, before its file is created; returns its slot, or -1
/// when all slots are taken.
int staged_files_register(const char *path);

/// Forgets the path in `slot` (its file was renamed into place or removed).
void staged_files_unregister(int slot);

/// Holds signals back until staged_files_end_commit, which acts on one that arrived meanwhile.
void staged_files_begin_commit(void);
void staged_files_end_commit(void);

#endif
