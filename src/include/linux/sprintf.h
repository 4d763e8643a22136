/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
/** @file
 * Formatting into a buffer: the kernel's snprintf family.
 */
#ifndef LINUX_SPRINTF_H
#define LINUX_SPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/**
 * Format @p fmt with the arguments in @p args into @p buf.
 *
 * At most @p size bytes are stored, always including a terminating NUL
 * when @p size is not 0.  When @p size is 0 nothing is stored and @p buf
 * may be NULL.
 *
 * @param buf  destination buffer
 * @param size size of @p buf in bytes
 * @param fmt  printf-style format
 * @param args arguments for @p fmt
 * @return the length of the complete output, excluding the NUL, even if
 *         it did not fit; -1 if that length exceeds INT_MAX
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
        __attribute__((format(printf, 3, 0)));

/**
 * Like vsnprintf(), with the arguments given directly.
 *
 * @param buf  destination buffer
 * @param size size of @p buf in bytes
 * @param fmt  printf-style format
 * @return the length of the complete output, as for vsnprintf()
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/**
 * Like vsnprintf(), but return what was actually stored.
 *
 * @param buf  destination buffer
 * @param size size of @p buf in bytes
 * @param fmt  printf-style format
 * @param args arguments for @p fmt
 * @return the number of characters stored in @p buf, excluding the
 *         NUL; 0 when @p size is 0
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
        __attribute__((format(printf, 3, 0)));

/**
 * Like vscnprintf(), with the arguments given directly.
 *
 * @param buf  destination buffer
 * @param size size of @p buf in bytes
 * @param fmt  printf-style format
 * @return the number of characters stored, as for vscnprintf()
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif /* LINUX_SPRINTF_H */
