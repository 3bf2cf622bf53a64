#ifndef RAPPORT_MEMORY_H
#define RAPPORT_MEMORY_H

/// Hands memory the allocator holds but no longer uses back to the system (glibc's
/// malloc_trim). Returns 1 if any was released. Does nothing elsewhere.
int rapport_release_free_memory(void);

#endif
