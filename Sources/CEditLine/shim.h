// libedit's readline-compatible interface (Debian: libedit-dev). Deliberately <editline/readline.h>:
// GNU readline's headers are installed too and must not be picked up.
#include <stdio.h>
#include <editline/readline.h>

// The width of the terminal on `fd` in columns, or 0 when it is not a terminal (ioctl is variadic,
// so Swift cannot call it directly). The progress line is clipped to it.
#include <sys/ioctl.h>
static inline int spar_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 0;
}
