/* Tangled from book/boot.nw (chapter "Booting"). Do not edit: edit the book and run make tangle. */
#include <asm/io.h>
#include <linux/printk.h>

#define COM1      0x3f8
#define UART_TX   0       /* transmit holding register (DLAB = 0) */
#define UART_DLL  0       /* divisor latch, low byte (DLAB = 1) */
#define UART_IER  1       /* interrupt enable (DLAB = 0) */
#define UART_DLM  1       /* divisor latch, high byte (DLAB = 1) */
#define UART_FCR  2       /* FIFO control */
#define UART_LCR  3       /* line control; bit 7 is DLAB */
#define UART_MCR  4       /* modem control */
#define UART_LSR  5       /* line status */
#define UART_LSR_THRE 0x20

void serial_init(void)
{
        outb(0x00, COM1 + UART_IER);    /* no interrupts */
        outb(0x80, COM1 + UART_LCR);    /* DLAB on */
        outb(0x01, COM1 + UART_DLL);    /* divisor 1: 115200 baud */
        outb(0x00, COM1 + UART_DLM);
        outb(0x03, COM1 + UART_LCR);    /* DLAB off; 8 bits, no parity, 1 stop */
        outb(0x07, COM1 + UART_FCR);    /* enable and clear the FIFOs */
        outb(0x03, COM1 + UART_MCR);    /* DTR and RTS */
}
static void serial_putb(char c)
{
        while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
                ;
        outb((unsigned char)c, COM1 + UART_TX);
}

void serial_write(const char *s, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                if (s[i] == '\n')
                        serial_putb('\r');
                serial_putb(s[i]);
        }
}
#include <linux/kernel.h>
#include <linux/tty.h>

#define UART_RX       0       /* receive buffer register (DLAB = 0), read */
#define UART_IER_RDI  0x01    /* interrupt while received data is waiting */
#define UART_MCR_OUT2 0x08    /* on a PC, connects the interrupt line */
#define UART_LSR_DR   0x01    /* a received byte is waiting */

void serial_rx_enable(void)
{
        outb(0x03 | UART_MCR_OUT2, COM1 + UART_MCR);
        outb(UART_IER_RDI, COM1 + UART_IER);
}

void serial_rx_disable(void)
{
        outb(0, COM1 + UART_IER);
}
void serial_interrupt(void)
{
        while (inb(COM1 + UART_LSR) & UART_LSR_DR) {
                if (!tty_receive_room()) {
                        if (tty_throttle())
                                return;
                        continue;               /* a reader made room meanwhile */
                }
                u8 c = inb(COM1 + UART_RX);
                tty_receive(&c, 1);
        }
}
