// Vectorized float32 kernels for Engine, compiled once per instruction set (AVX-512, AVX2+FMA,
// baseline x86-64) and chosen at load time, so the Swift code stays portable but runs wide loops
// where the CPU has them. Every function reads `n` floats from its inputs and writes `n` to `out`;
// inputs and output may be the same buffer. See Sources/Engine/Kernels/VectorMath.swift for the
// Swift side and the accuracy contract.
#ifndef SPAR_CKERNELS_H
#define SPAR_CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// out[i] = e^x[i]: relative error about 2 ulp; +inf above 88.72, 0 below -86.6, NaN stays NaN.
void spar_exp_f32(const float *x, float *out, size_t n);
/// out[i] = e^(x[i] - shift): the numerator of a stable softmax.
void spar_exp_shifted_f32(const float *x, float shift, float *out, size_t n);
/// out[i] = tanh(x[i]): relative error below 1e-6, exactly +-1 beyond +-9.
void spar_tanh_f32(const float *x, float *out, size_t n);
/// out[i] = 1 / (1 + e^-x[i]).
void spar_sigmoid_f32(const float *x, float *out, size_t n);
/// out[i] = x[i] / (1 + e^-x[i]) (SiLU, swish).
void spar_silu_f32(const float *x, float *out, size_t n);
/// out[i] = g[i] * d silu / dx at x[i].
void spar_silu_backward_f32(const float *g, const float *x, float *out, size_t n);
/// out[i] = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (GELU, tanh form as GPT-2).
void spar_gelu_f32(const float *x, float *out, size_t n);
/// out[i] = g[i] * d gelu / dx at x[i].
void spar_gelu_backward_f32(const float *g, const float *x, float *out, size_t n);

#ifdef __cplusplus
}
#endif

#endif
