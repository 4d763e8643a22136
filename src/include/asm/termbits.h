/* Tangled from book/tty.nw (chapter "The console as a terminal"). Do not edit: edit the book and run make tangle. */
#ifndef _ASM_TERMBITS_H
#define _ASM_TERMBITS_H

typedef unsigned char cc_t;
typedef unsigned int tcflag_t;
#define NCCS 19
struct termios {
        tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
        cc_t c_line;                    /* line discipline: N_TTY */
        cc_t c_cc[NCCS];                /* control characters */
};
struct winsize {
        unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};
#define VERASE  2
#define VKILL   3
#define VEOF    4
#define VTIME   5
#define VMIN    6
#define ICRNL   0000400         /* c_iflag */
#define IMAXBEL 0020000
#define IUTF8   0040000
#define OPOST   0000001         /* c_oflag */
#define ONLCR   0000004
#define CS8     0000060         /* c_cflag */
#define CREAD   0000200
#define CLOCAL  0004000
#define B115200 0010002
#define ICANON  0000002         /* c_lflag */
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHOCTL 0001000
#define ECHOKE  0004000
#define TCGETS      0x5401
#define TIOCGWINSZ  0x5413
#define N_TTY       0
#endif
