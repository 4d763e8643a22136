/* Tangled from book/listings-process.nw (chapter "Listings of ``Processes''"). Do not edit: edit the book and run make tangle. */
#include "ulib.h"

int main(void)
{
        pid_t pid = fork();

        if (pid == 0)
                _exit(0);
        if (pid < 0) {
                say("fork: %s\n", errno == ENOMEM ? "ENOMEM" : strerror(errno));
                return errno == ENOMEM ? 0 : 1;
        }
        int st = wait_child(pid);
        say("fork: ok, child status %d\n", st);
        return st == 0 ? 0 : 1;
}
