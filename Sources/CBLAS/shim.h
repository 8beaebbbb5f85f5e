// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). The cblas.h on the default include path is
// the one selected by update-alternatives; OpenBLAS's also declares openblas_set_num_threads.
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
