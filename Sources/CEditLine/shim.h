// libedit's readline-compatible interface (Debian: libedit-dev). Deliberately <editline/readline.h>:
// GNU readline's headers are installed too and must not be picked up.
#include <stdio.h>
#include <editline/readline.h>
