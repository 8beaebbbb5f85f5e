// Float32 element-wise kernels written as branch-free arithmetic so clang vectorizes each loop.
// `target_clones` compiles every exported loop three times (AVX-512F, AVX2 with FMA, baseline) and
// the dynamic loader picks one through an ifunc on the running CPU: numpy's approach, without
// making the whole Swift binary require AVX2.
#include "ckernels.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#define SPAR_CLONES __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define SPAR_CLONES
#endif

static inline uint32_t bits_of(float x) { uint32_t u; memcpy(&u, &x, sizeof u); return u; }
static inline float float_of(uint32_t u) { float x; memcpy(&x, &u, sizeof x); return x; }

// e^x in the Cephes expf scheme: x = n ln2 + r with |r| <= ln2/2 (ln2 split in two so the
// reduction is exact), e^r by a degree-6 polynomial, 2^n put straight into the exponent bits.
// Inputs are clamped first so the bit arithmetic never overflows; the final select gives +inf
// and 0 outside the range and lets NaN (which fails both comparisons) through the arithmetic.
static inline float exp_one(float x) {
    const float hi = 88.72283f, lo = -86.6f;
    float v = x > hi ? hi : (x < lo ? lo : x);
    // Adding 1.5 * 2^23 rounds v/ln2 to an integer that lands in the low mantissa bits.
    const float shifter = 12582912.0f;
    float t = v * 1.44269504f + shifter;
    float n = t - shifter;
    v = v - n * 0.693359375f;
    v = v + n * 2.12194440e-4f;
    float p = 1.9875691e-4f;
    p = p * v + 1.3981999e-3f;
    p = p * v + 8.3334520e-3f;
    p = p * v + 4.1665796e-2f;
    p = p * v + 1.6666665e-1f;
    p = p * v + 5.0000001e-1f;
    float r = p * (v * v) + v + 1.0f;
    // 2^(n-1) times 2r: n reaches 128 at the top of the range, one past the largest exponent.
    float scale = float_of((bits_of(t) - 0x4B400000u + 126u) << 23);
    float y = (r + r) * scale;
    return x > hi ? __builtin_inff() : (x < lo ? 0.0f : y);
}

// tanh as an odd degree-13 over even degree-6 rational function (Eigen's), on x clamped to
// +-7.905 where the fit ends (tanh(7.905) = 1 - 2.7e-7). One division, no exp. Beyond +-9 tanh
// rounds to +-1 in float32 and is returned exactly, whether or not the clone fused the
// multiply-adds (with FMA the rational gives 0.99999976 at the clamp).
static inline float tanh_one(float x) {
    const float limit = 7.90531110763549805f;
    float v = x > limit ? limit : (x < -limit ? -limit : x);
    float v2 = v * v;
    float p = -2.76076847742355e-16f;
    p = p * v2 + 2.00018790482477e-13f;
    p = p * v2 - 8.60467152213735e-11f;
    p = p * v2 + 5.12229709037114e-08f;
    p = p * v2 + 1.48572235717979e-05f;
    p = p * v2 + 6.37261928875436e-04f;
    p = p * v2 + 4.89352455891786e-03f;
    float q = 1.19825839466702e-06f;
    q = q * v2 + 1.18534705686654e-04f;
    q = q * v2 + 2.26843463243900e-03f;
    q = q * v2 + 4.89352518554385e-03f;
    float r = v * p / q;
    return x > 9.0f ? 1.0f : (x < -9.0f ? -1.0f : r);
}

static inline float sigmoid_one(float x) { return 1.0f / (1.0f + exp_one(-x)); }

// sigmoid(x) and 1 - sigmoid(x), both without cancellation: with e = e^-x, s = 1/(1+e) and
// 1 - s = e s, which is used where s > 1/2 (there 1 - s would lose digits; where e is huge or
// infinite, e s is not needed and would be inf * 0).
static inline void sigmoid_pair(float x, float *s, float *complement) {
    float e = exp_one(-x);
    float v = 1.0f / (1.0f + e);
    *s = v;
    *complement = e > 1.0f ? 1.0f - v : e * v;
}

// GELU's tanh form rewritten without tanh: 0.5 (1 + tanh(u)) = sigmoid(2u), so
// gelu(x) = x sigmoid(2u) with u = sqrt(2/pi) (x + 0.044715 x^3). Unlike 1 + tanh(u), this keeps
// full relative precision in the left tail, and the derivative
// 0.5 (1 + t) + 0.5 x (1 - t^2) u' becomes s + 2 x s (1 - s) u'.
static const float gelu_2c = 1.5957691216f;  // 2 sqrt(2 / pi)
static const float gelu_k = 0.044715f;

SPAR_CLONES void spar_exp_f32(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = exp_one(x[i]);
}

SPAR_CLONES void spar_exp_shifted_f32(const float *x, float shift, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = exp_one(x[i] - shift);
}

SPAR_CLONES void spar_tanh_f32(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = tanh_one(x[i]);
}

SPAR_CLONES void spar_sigmoid_f32(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = sigmoid_one(x[i]);
}

// x s with the limit 0 at x = -inf (where s is 0 and x s would be NaN); NaN still propagates.
static inline float times_sigmoid(float x, float s) { return s == 0.0f ? 0.0f : x * s; }

SPAR_CLONES void spar_silu_f32(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = times_sigmoid(x[i], sigmoid_one(x[i]));
}

SPAR_CLONES void spar_silu_backward_f32(const float *g, const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        float s, sc;
        sigmoid_pair(x[i], &s, &sc);
        out[i] = g[i] * (s + times_sigmoid(x[i], s) * sc);
    }
}

SPAR_CLONES void spar_gelu_f32(const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        out[i] = times_sigmoid(v, sigmoid_one(gelu_2c * (v + gelu_k * v * v * v)));
    }
}

SPAR_CLONES void spar_gelu_backward_f32(const float *g, const float *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        float s, sc;
        sigmoid_pair(gelu_2c * (v + gelu_k * v * v * v), &s, &sc);
        float du = gelu_2c * (1.0f + 3.0f * gelu_k * v * v);  // (2u)'
        out[i] = g[i] * (s + times_sigmoid(v, s) * sc * du);
    }
}
