// Swift cannot see malloc_trim: glibc declares it in <malloc.h>, which its Swift module
// does not include. This is the one C function the app needs.
#include "rapport_memory.h"

// Any libc header defines __GLIBC__ when the libc is glibc; the check below needs it.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int rapport_release_free_memory(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}
