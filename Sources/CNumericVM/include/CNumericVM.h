// The numeric VM's dispatch loop, in C for computed-goto dispatch (see Runtime/Numeric).
// Swift compiles pure numeric Spar functions to this register code and owns every structure here;
// the loop reads them and calls back into Swift to find a callee or to run the tick's slow path.
#ifndef SPAR_CNUMERICVM_H
#define SPAR_CNUMERICVM_H
#include <stdint.h>

/// Operations, in the order of Swift's `NumericOp` (a test checks they agree).
enum {
    SPAR_OP_MOVE, SPAR_OP_CONSTANT,
    SPAR_OP_ADD, SPAR_OP_SUBTRACT, SPAR_OP_MULTIPLY, SPAR_OP_DIVIDE, SPAR_OP_FLOOR_DIVIDE, SPAR_OP_MODULO, SPAR_OP_POWER,
    SPAR_OP_ADD_K, SPAR_OP_SUBTRACT_K, SPAR_OP_MULTIPLY_K, SPAR_OP_DIVIDE_K, SPAR_OP_FLOOR_DIVIDE_K, SPAR_OP_MODULO_K,
    SPAR_OP_POWER_K,
    SPAR_OP_NEGATE, SPAR_OP_JUMP,
    SPAR_OP_UNLESS_LESS, SPAR_OP_UNLESS_LESS_EQUAL, SPAR_OP_UNLESS_GREATER, SPAR_OP_UNLESS_GREATER_EQUAL,
    SPAR_OP_UNLESS_EQUAL, SPAR_OP_UNLESS_NOT_EQUAL,
    SPAR_OP_UNLESS_LESS_K, SPAR_OP_UNLESS_LESS_EQUAL_K, SPAR_OP_UNLESS_GREATER_K, SPAR_OP_UNLESS_GREATER_EQUAL_K,
    SPAR_OP_UNLESS_EQUAL_K, SPAR_OP_UNLESS_NOT_EQUAL_K,
    SPAR_OP_CALL, SPAR_OP_RET, SPAR_OP_FOR_PREPARE, SPAR_OP_TICK, SPAR_OP_FOR_STEP,
    SPAR_OP_COUNT
};

/// One instruction: see `NumericOp` in Swift for the operations and their operands.
typedef struct {
    uint8_t op;
    int32_t a, b, c;
} SparNumInstruction;

typedef struct SparNumFunction SparNumFunction;

/// A call site's memory of its callee, valid while the caller's global version is unchanged.
typedef struct {
    uint64_t version;
    const SparNumFunction *callee;
} SparNumCallCache;

/// A compiled function as the loop sees it.
struct SparNumFunction {
    const SparNumInstruction *code;
    const double *constants;
    SparNumCallCache *cache;  // one entry per instruction
    const uint64_t *version;  // bumped whenever a function-holding global of its store changes
    int32_t parameterCount;
    int32_t registerCount;
    void *owner;              // the Swift NumericFunction, unretained
};

/// A caller's state while its callee runs.
typedef struct {
    const SparNumFunction *function;
    int64_t pc;               // the caller's next instruction
    double *base;
} SparNumFrame;

/// One run: where registers and frames live, the interpreter's step counters, the callbacks, and
/// on return the result or where the run stopped.
typedef struct {
    double *registers;
    int64_t registerCapacity;
    SparNumFrame *frames;
    int64_t frameCapacity;    // frames the run may push (the interpreter's call depth left)
    int64_t *steps;
    const int64_t *checkpoint;
    /// The callee for a call of global `global` from `caller`: NULL when it is not a closure with
    /// numeric code.
    const SparNumFunction *(*resolve)(void *context, void *caller, int32_t global);
    /// The tick's slow path; nonzero means stop (Swift holds the error).
    int32_t (*tick)(void *context, void *function, int64_t pc);
    void *context;
    // Out:
    double result;
    int64_t depth;            // frames pushed when the run stopped
    const SparNumFunction *stopFunction;
    int64_t stopPC;
} SparNumRun;

enum { SPAR_NUM_DONE = 0, SPAR_NUM_GAVE_UP = 1, SPAR_NUM_STOPPED = 2 };

/// Runs `entry`, whose arguments are already in `run->registers[0..<parameterCount]`.
int32_t spar_numeric_run(SparNumRun *run, const SparNumFunction *entry);

#endif
