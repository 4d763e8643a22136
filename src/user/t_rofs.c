/* Tangled from book/listings-files.nw (chapter "Listings of ``Files''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"
#include <fcntl.h>

int main(void)
{
        static char file[1 << 20];
        int fd = open("/bin/hello", O_RDWR);
        long n;

        if (fd < 0) {
                say("t_rofs: open /bin/hello for writing: %s\n", errno == EROFS ? "EROFS" : "other");
        } else {
                n = read(fd, file, sizeof(file));
                char *hit = n > 0 ? memmem(file, n, "Hello", 5) : NULL;
                long w = hit ? pwrite(fd, "HACKD", 5, hit - file) : -1;
                say("t_rofs: opened /bin/hello for writing; wrote %ld bytes at %ld\n", w,
                    hit ? (long)(hit - file) : -1L);
                close(fd);
        }
        char *argv[] = { "hello", NULL };
        execve("/bin/hello", argv, NULL);
        return 1;
}
