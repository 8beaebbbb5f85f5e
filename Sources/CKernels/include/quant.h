// Quantized weight kernels: ggml's block formats (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q4_K, Q6_K;
// layouts in Sources/Engine/Quant/GGMLType.swift) dequantized to float rows, and multiplied by
// activations that are quantized to 8 bits per block of 32 (llama.cpp's scheme), so decoding reads
// the weights in their packed form and never expands the model to Float32.
//
// Every kernel exists three times, for AVX-512 VNNI, AVX2 + FMA + F16C, and baseline x86-64 (plain
// C), and the fastest the CPU supports is chosen at the first call (`spar_quant_isa`); tests force
// each level in turn with `spar_quant_set_isa` and compare against Swift reference code.
#ifndef SPAR_QUANT_H
#define SPAR_QUANT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ggml type numbers.
enum {
    SPAR_GGML_F32 = 0, SPAR_GGML_F16 = 1, SPAR_GGML_Q4_0 = 2, SPAR_GGML_Q4_1 = 3, SPAR_GGML_Q8_0 = 8,
    SPAR_GGML_Q4_K = 12, SPAR_GGML_Q6_K = 14, SPAR_GGML_BF16 = 30
};

/// 32 activations quantized: x[i] ~ d * q[i]; s[h] = sum of q[16h .. 16h+15] (for the offsets of
/// Q4_0, Q4_1, Q4_K and Q6_K, which need sums of the activations per 32 or 16 values). 40 bytes.
typedef struct {
    float d;
    int16_t s[2];
    int8_t q[32];
} spar_q8_block;

/// Instruction-set levels: 0 baseline C, 1 AVX2 + FMA + F16C, 2 AVX-512 VNNI (256-bit dpbusd).
int spar_quant_isa(void);
/// The best level this CPU supports.
int spar_quant_best_isa(void);
/// Forces a level (clamped to what the CPU supports); returns the level in use.
int spar_quant_set_isa(int level);

/// Quantizes k floats (k a multiple of 32) into k/32 blocks: d = max|x| / 127, q = round(x / d).
void spar_quantize_q8(const float *x, spar_q8_block *out, size_t k);

/// Writes the k values of one row of `type` (k a multiple of its block size) as floats.
void spar_dequantize_row(int type, const void *row, float *out, size_t k);

/// Y[i * ldy + r] = (Y[i * ldy + r] if accumulate, else 0) + dot(W row r, X row i) for rows r in
/// [r0, r1) of W and i in [0, m). W rows are `row_bytes` apart and hold k values of `type` (one of
/// the quantized types: Q8_0, Q4_0, Q4_1, Q4_K, Q6_K); X row i is k/32 blocks starting at
/// X + i * (k/32). Activation rows are taken four at a time per weight block.
void spar_qmatmul(int type, const void *w, size_t row_bytes, size_t r0, size_t r1, size_t k,
                  const spar_q8_block *x, size_t m, float *y, size_t ldy, int accumulate);

/// The same product with Float32 activations X [m, k] (row i at X + i * k), for any of the types:
/// each weight row is dequantized once into `scratch` (k floats, one buffer per thread) and dotted
/// with every activation row, so the result equals Float32 arithmetic on the dequantized weights up
/// to the order of the additions. Compiled per instruction set like the element-wise kernels.
void spar_qmatmul_f32(int type, const void *w, size_t row_bytes, size_t r0, size_t r1, size_t k,
                      const float *x, size_t m, float *y, size_t ldy, int accumulate, float *scratch);

#ifdef __cplusplus
}
#endif

#endif
