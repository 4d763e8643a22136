/* Tangled from book/listings-userland.nw (chapter "Listings of ``User programs and the shell''"). Do not edit: edit the book and run make tangle. */
#include <stdio.h>

int main(int argc, char **argv)
{
        printf("Hello, world! This is %s, built with musl.\n", argv[0]);
        for (int i = 1; i < argc; i++)
                printf("argv[%d] = \"%s\"\n", i, argv[i]);
        return 0;
}
