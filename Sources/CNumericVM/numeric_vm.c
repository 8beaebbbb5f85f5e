// The numeric VM's loop. Semantics follow the Swift tree interpreter exactly: the same IEEE
// operations in the same order, and the operators that can fail (a zero divisor) give up instead
// of reporting, so that the interpreter reruns the call and reports the error itself.
#include "CNumericVM.h"
#include <math.h>

// One instruction never fuses with another (each result goes through a register), and no
// contraction inside one either: a*b+c must round twice, as in Swift.
#pragma STDC FP_CONTRACT OFF

static inline int checked_modulo(double x, double y, double *out) {
    if (y == 0) return 0;
    // Integral operands use the integer remainder (as Swift's ModuloOp); the result takes the
    // divisor's sign, as in Python.
    if (fabs(x) < 9.0e15 && fabs(y) < 9.0e15) {
        int64_t a = (int64_t)x, b = (int64_t)y;
        if ((double)a == x && (double)b == y) {
            int64_t r = a % b;
            *out = (double)((r != 0 && ((r < 0) != (b < 0))) ? r + b : r);
            return 1;
        }
    }
    double r = fmod(x, y);
    *out = (r != 0 && ((r < 0) != (y < 0))) ? r + y : r;
    return 1;
}

/// An integer exactly representable, as Swift's exactInt requires of range bounds.
static inline int exact_int(double d) {
    return d == trunc(d) && fabs(d) <= 9007199254740992.0;
}

int32_t spar_numeric_run(SparNumRun *run, const SparNumFunction *entry) {
    static const void *const labels[SPAR_OP_COUNT] = {
        &&op_move, &&op_constant,
        &&op_add, &&op_subtract, &&op_multiply, &&op_divide, &&op_floor_divide, &&op_modulo, &&op_power,
        &&op_add_k, &&op_subtract_k, &&op_multiply_k, &&op_divide_k, &&op_floor_divide_k, &&op_modulo_k, &&op_power_k,
        &&op_negate, &&op_jump,
        &&op_unless_less, &&op_unless_less_equal, &&op_unless_greater, &&op_unless_greater_equal,
        &&op_unless_equal, &&op_unless_not_equal,
        &&op_unless_less_k, &&op_unless_less_equal_k, &&op_unless_greater_k, &&op_unless_greater_equal_k,
        &&op_unless_equal_k, &&op_unless_not_equal_k,
        &&op_call, &&op_ret, &&op_for_prepare, &&op_tick, &&op_for_step,
    };
    const SparNumFunction *fn = entry;
    const SparNumInstruction *code = fn->code;
    const SparNumInstruction *pc = code;
    const SparNumInstruction *ins;
    const double *k = fn->constants;
    double *r = run->registers;
    double *const register_end = run->registers + run->registerCapacity;
    SparNumFrame *const frames = run->frames;
    int64_t depth = 0;
    // The step counters live in the interpreter; the loop keeps copies in registers and writes
    // the count back whenever it leaves or calls out.
    int64_t steps = *run->steps, checkpoint = *run->checkpoint;
    if (entry->registerCount > run->registerCapacity) return SPAR_NUM_GAVE_UP;

#define DISPATCH() do { ins = pc++; goto *labels[ins->op]; } while (0)
#define A (ins->a)
#define B (ins->b)
#define C (ins->c)
#define GIVE_UP() do { *run->steps = steps; return SPAR_NUM_GAVE_UP; } while (0)
#define TICK()                                                                      \
    do {                                                                            \
        if (++steps >= checkpoint) {                                                \
            *run->steps = steps;                                                    \
            if (run->tick(run->context, fn->owner, (int64_t)(ins - code))) {        \
                run->depth = depth; run->stopFunction = fn; run->stopPC = ins - code; \
                return SPAR_NUM_STOPPED;                                            \
            }                                                                       \
            steps = *run->steps; checkpoint = *run->checkpoint;                     \
        }                                                                           \
    } while (0)

    DISPATCH();
op_move: r[A] = r[B]; DISPATCH();
op_constant: r[A] = k[B]; DISPATCH();
op_add: r[A] = r[B] + r[C]; DISPATCH();
op_subtract: r[A] = r[B] - r[C]; DISPATCH();
op_multiply: r[A] = r[B] * r[C]; DISPATCH();
op_divide: if (r[C] == 0) GIVE_UP(); r[A] = r[B] / r[C]; DISPATCH();
op_floor_divide: if (r[C] == 0) GIVE_UP(); r[A] = floor(r[B] / r[C]); DISPATCH();
op_modulo: if (!checked_modulo(r[B], r[C], &r[A])) GIVE_UP(); DISPATCH();
op_power: r[A] = pow(r[B], r[C]); DISPATCH();
op_add_k: r[A] = r[B] + k[C]; DISPATCH();
op_subtract_k: r[A] = r[B] - k[C]; DISPATCH();
op_multiply_k: r[A] = r[B] * k[C]; DISPATCH();
op_divide_k: if (k[C] == 0) GIVE_UP(); r[A] = r[B] / k[C]; DISPATCH();
op_floor_divide_k: if (k[C] == 0) GIVE_UP(); r[A] = floor(r[B] / k[C]); DISPATCH();
op_modulo_k: if (!checked_modulo(r[B], k[C], &r[A])) GIVE_UP(); DISPATCH();
op_power_k: r[A] = pow(r[B], k[C]); DISPATCH();
op_negate: r[A] = -r[B]; DISPATCH();
op_jump: pc = code + A; DISPATCH();
op_unless_less: if (!(r[B] < r[C])) pc = code + A; DISPATCH();
op_unless_less_equal: if (!(r[B] <= r[C])) pc = code + A; DISPATCH();
op_unless_greater: if (!(r[B] > r[C])) pc = code + A; DISPATCH();
op_unless_greater_equal: if (!(r[B] >= r[C])) pc = code + A; DISPATCH();
op_unless_equal: if (!(r[B] == r[C])) pc = code + A; DISPATCH();
op_unless_not_equal: if (!(r[B] != r[C])) pc = code + A; DISPATCH();
op_unless_less_k: if (!(r[B] < k[C])) pc = code + A; DISPATCH();
op_unless_less_equal_k: if (!(r[B] <= k[C])) pc = code + A; DISPATCH();
op_unless_greater_k: if (!(r[B] > k[C])) pc = code + A; DISPATCH();
op_unless_greater_equal_k: if (!(r[B] >= k[C])) pc = code + A; DISPATCH();
op_unless_equal_k: if (!(r[B] == k[C])) pc = code + A; DISPATCH();
op_unless_not_equal_k: if (!(r[B] != k[C])) pc = code + A; DISPATCH();
op_call: {
    TICK();
    // The call site remembers its callee for as long as no global function changed.
    SparNumCallCache *cache = &fn->cache[ins - code];
    const SparNumFunction *callee = cache->callee;
    if (cache->version != *fn->version || callee == 0) {
        callee = run->resolve(run->context, fn->owner, B);
        if (callee == 0) GIVE_UP();
        cache->callee = callee;
        cache->version = *fn->version;
    }
    double *base = r + A;
    if (callee->parameterCount != C || depth + 1 >= run->frameCapacity ||
        base + callee->registerCount > register_end) GIVE_UP();
    frames[depth].function = fn;
    frames[depth].pc = pc - code;
    frames[depth].base = r;
    depth++;
    fn = callee; code = fn->code; k = fn->constants; r = base; pc = code;
    DISPATCH();
}
op_ret: {
    double result = r[A];
    if (depth == 0) { run->result = result; *run->steps = steps; return SPAR_NUM_DONE; }
    r[0] = result;  // the caller's call register: this frame starts there
    depth--;
    fn = frames[depth].function; code = fn->code; k = fn->constants;
    r = frames[depth].base; pc = code + frames[depth].pc;
    DISPATCH();
}
op_for_prepare:
    if (!exact_int(r[A]) || !exact_int(r[A + 1])) GIVE_UP();
    if (B == 1) r[A + 1] += 1;
    DISPATCH();
op_tick:
    TICK();
    DISPATCH();
op_for_step:
    if (++r[A] < r[A + 1]) {
        TICK();
        r[B] = r[A];
        pc = code + C;
    }
    DISPATCH();
#undef DISPATCH
#undef A
#undef B
#undef C
#undef TICK
#undef GIVE_UP
}
