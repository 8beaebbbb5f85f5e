// Quantized weight kernels (see include/quant.h): the baseline C versions, the dispatcher, and the
// two SIMD copies made from internal/quant_simd.h.
#include "quant.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#define SPAR_X86 1
#define SPAR_CLONES __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define SPAR_CLONES
#endif

static inline float f32_of(uint32_t u) { float x; memcpy(&x, &u, sizeof x); return x; }

/// IEEE half to float, by bits (subnormals, infinities and NaN included).
static inline float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exp = (h >> 10) & 0x1Fu, man = h & 0x3FFu;
    if (exp == 0) {
        float f = (float)man * 5.9604644775390625e-8f;  // man * 2^-24
        return sign ? -f : f;
    }
    if (exp == 31) return f32_of(sign | 0x7F800000u | (man << 13));
    return f32_of(sign | ((exp + 112u) << 23) | (man << 13));
}

static inline float half_at(const uint8_t *p) { uint16_t h; memcpy(&h, p, 2); return half_to_float(h); }

/// The 6-bit scales and mins of a Q4_K super-block's 8 sub-blocks, from its 12 scale bytes:
/// sub-blocks 0-3 take the low 6 bits of bytes 0-3 (scales) and 4-7 (mins); sub-blocks 4-7 take a
/// nibble of bytes 8-11 plus the top 2 bits of bytes 0-3 (scales) or 4-7 (mins).
static inline void q4k_scales(const uint8_t *s, uint8_t *sc, uint8_t *mn) {
    for (int j = 0; j < 4; j++) {
        sc[j] = s[j] & 63;
        mn[j] = s[j + 4] & 63;
        sc[j + 4] = (uint8_t)((s[j + 8] & 0x0F) | ((s[j] >> 6) << 4));
        mn[j + 4] = (uint8_t)((s[j + 8] >> 4) | ((s[j + 4] >> 6) << 4));
    }
}

static inline void store(float *y, float v, int accumulate) { *y = accumulate ? *y + v : v; }

// MARK: activations

SPAR_CLONES void spar_quantize_q8(const float *x, spar_q8_block *out, size_t k) {
    for (size_t b = 0; b < k / 32; b++) {
        const float *v = x + 32 * b;
        float amax = 0;
        for (int i = 0; i < 32; i++) { float a = fabsf(v[i]); amax = a > amax ? a : amax; }
        float d = amax / 127.0f, id = d > 0 ? 1.0f / d : 0.0f;
        int s0 = 0, s1 = 0;
        for (int i = 0; i < 32; i++) {
            int q = (int)nearbyintf(v[i] * id);
            out[b].q[i] = (int8_t)q;
            if (i < 16) s0 += q; else s1 += q;
        }
        out[b].d = d;
        out[b].s[0] = (int16_t)s0;
        out[b].s[1] = (int16_t)s1;
    }
}

// MARK: dequantization (one implementation; target_clones vectorizes the plain loops)

SPAR_CLONES void spar_dequantize_row(int type, const void *src, float *out, size_t k) {
    const uint8_t *p = (const uint8_t *)src;
    switch (type) {
    case SPAR_GGML_F32: memcpy(out, p, k * 4); break;
    case SPAR_GGML_F16:
        for (size_t i = 0; i < k; i++) out[i] = half_at(p + 2 * i);
        break;
    case SPAR_GGML_BF16:
        for (size_t i = 0; i < k; i++) { uint16_t h; memcpy(&h, p + 2 * i, 2); out[i] = f32_of((uint32_t)h << 16); }
        break;
    case SPAR_GGML_Q8_0:
        for (size_t b = 0; b < k / 32; b++, p += 34) {
            float d = half_at(p);
            for (int i = 0; i < 32; i++) out[32 * b + i] = d * (float)(int8_t)p[2 + i];
        }
        break;
    case SPAR_GGML_Q4_0:
        for (size_t b = 0; b < k / 32; b++, p += 18) {
            float d = half_at(p);
            for (int i = 0; i < 16; i++) {
                out[32 * b + i] = d * (float)((p[2 + i] & 0x0F) - 8);
                out[32 * b + 16 + i] = d * (float)((p[2 + i] >> 4) - 8);
            }
        }
        break;
    case SPAR_GGML_Q4_1:
        for (size_t b = 0; b < k / 32; b++, p += 20) {
            float d = half_at(p), m = half_at(p + 2);
            for (int i = 0; i < 16; i++) {
                out[32 * b + i] = d * (float)(p[4 + i] & 0x0F) + m;
                out[32 * b + 16 + i] = d * (float)(p[4 + i] >> 4) + m;
            }
        }
        break;
    case SPAR_GGML_Q4_K:
        for (size_t sb = 0; sb < k / 256; sb++, p += 144) {
            float d = half_at(p), dmin = half_at(p + 2);
            uint8_t sc[8], mn[8];
            q4k_scales(p + 4, sc, mn);
            float *o = out + 256 * sb;
            for (int c = 0; c < 4; c++) {
                const uint8_t *q = p + 16 + 32 * c;
                float d0 = d * sc[2 * c], m0 = dmin * mn[2 * c], d1 = d * sc[2 * c + 1], m1 = dmin * mn[2 * c + 1];
                for (int i = 0; i < 32; i++) {
                    o[64 * c + i] = d0 * (float)(q[i] & 0x0F) - m0;
                    o[64 * c + 32 + i] = d1 * (float)(q[i] >> 4) - m1;
                }
            }
        }
        break;
    case SPAR_GGML_Q6_K:
        for (size_t sb = 0; sb < k / 256; sb++, p += 210) {
            const uint8_t *ql = p, *qh = p + 128;
            const int8_t *sc = (const int8_t *)(p + 192);
            float d = half_at(p + 208);
            float *o = out + 256 * sb;
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < 32; i++) {
                    int q0 = (ql[64 * h + i] & 0x0F) | (((qh[32 * h + i] >> 0) & 3) << 4);
                    int q1 = (ql[64 * h + 32 + i] & 0x0F) | (((qh[32 * h + i] >> 2) & 3) << 4);
                    int q2 = (ql[64 * h + i] >> 4) | (((qh[32 * h + i] >> 4) & 3) << 4);
                    int q3 = (ql[64 * h + 32 + i] >> 4) | (((qh[32 * h + i] >> 6) & 3) << 4);
                    int g = 8 * h + i / 16;  // scale index of value (128 h + i); the others are 2, 4, 6 further
                    o[128 * h + i] = d * sc[g] * (float)(q0 - 32);
                    o[128 * h + 32 + i] = d * sc[g + 2] * (float)(q1 - 32);
                    o[128 * h + 64 + i] = d * sc[g + 4] * (float)(q2 - 32);
                    o[128 * h + 96 + i] = d * sc[g + 6] * (float)(q3 - 32);
                }
            }
        }
        break;
    default: memset(out, 0, k * 4); break;
    }
}

// MARK: Float32 activations: each weight row dequantized once, then dotted with every activation row

/// out[i] = dot(w, x + i * k) for i < mr (mr <= 4): independent 16-lane accumulators per row (two
/// per row when there is one row, to hide the FMA latency), so clang's vectorizer makes one vector
/// multiply-add per row and step. k is a multiple of 32.
static inline __attribute__((always_inline)) void dot_rows(const float *w, const float *x, size_t k, size_t mr, float *out) {
    if (mr == 1) {
        float a[16] = {0}, b[16] = {0};
        for (size_t j = 0; j < k; j += 32) {
            for (int l = 0; l < 16; l++) a[l] += w[j + l] * x[j + l];
            for (int l = 0; l < 16; l++) b[l] += w[j + 16 + l] * x[j + 16 + l];
        }
        float s = 0;
        for (int l = 0; l < 16; l++) s += a[l] + b[l];
        out[0] = s;
        return;
    }
    float acc[4][16] = {{0}};
    const float *x0 = x, *x1 = x + k, *x2 = x + 2 * k, *x3 = x + 3 * k;
    for (size_t j = 0; j < k; j += 16) {
        for (int l = 0; l < 16; l++) {
            float v = w[j + l];
            acc[0][l] += v * x0[j + l];
            if (mr > 1) acc[1][l] += v * x1[j + l];
            if (mr > 2) acc[2][l] += v * x2[j + l];
            if (mr > 3) acc[3][l] += v * x3[j + l];
        }
    }
    for (size_t i = 0; i < mr; i++) {
        float s = 0;
        for (int l = 0; l < 16; l++) s += acc[i][l];
        out[i] = s;
    }
}

SPAR_CLONES void spar_qmatmul_f32(int type, const void *w, size_t row_bytes, size_t r0, size_t r1, size_t k,
                                  const float *x, size_t m, float *y, size_t ldy, int accumulate, float *scratch) {
    for (size_t r = r0; r < r1; r++) {
        spar_dequantize_row(type, (const uint8_t *)w + r * row_bytes, scratch, k);
        size_t i = 0;
        float o[4];
        for (; i + 4 <= m; i += 4) {
            dot_rows(scratch, x + i * k, k, 4, o);
            for (int j = 0; j < 4; j++) store(y + (i + j) * ldy + r, o[j], accumulate);
        }
        for (; i < m; i++) {
            dot_rows(scratch, x + i * k, k, 1, o);
            store(y + i * ldy + r, o[0], accumulate);
        }
    }
}

// MARK: baseline dot products: dequantize one block, multiply by the quantized activations

static float dot_scalar(int type, const uint8_t *w, const spar_q8_block *x, size_t k) {
    float vals[256];
    size_t bs = (type == SPAR_GGML_Q4_K || type == SPAR_GGML_Q6_K) ? 256 : 32;
    size_t bytes = type == SPAR_GGML_Q8_0 ? 34 : type == SPAR_GGML_Q4_0 ? 18 : type == SPAR_GGML_Q4_1 ? 20
                 : type == SPAR_GGML_Q4_K ? 144 : 210;
    float total = 0;
    for (size_t b = 0; b < k / bs; b++) {
        spar_dequantize_row(type, w + b * bytes, vals, bs);
        for (size_t j = 0; j < bs / 32; j++) {
            const spar_q8_block *a = x + b * (bs / 32) + j;
            float s = 0;
            for (int i = 0; i < 32; i++) s += vals[32 * j + i] * (float)a->q[i];
            total += s * a->d;
        }
    }
    return total;
}

static void qmatmul_scalar(int type, const void *w, size_t row_bytes, size_t r0, size_t r1, size_t k,
                           const spar_q8_block *x, size_t m, float *y, size_t ldy, int accumulate) {
    for (size_t r = r0; r < r1; r++) {
        const uint8_t *row = (const uint8_t *)w + r * row_bytes;
        for (size_t i = 0; i < m; i++) store(y + i * ldy + r, dot_scalar(type, row, x + i * (k / 32), k), accumulate);
    }
}

// MARK: SIMD copies

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define FN(name) CAT(name, SUFFIX)

#ifdef SPAR_X86
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#define SUFFIX _avx2
#define DOT_U8S8(acc, u, s) _mm256_add_epi32((acc), _mm256_madd_epi16(_mm256_maddubs_epi16((u), (s)), _mm256_set1_epi16(1)))
#include "internal/quant_simd.h"
#undef SUFFIX
#undef DOT_U8S8
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512vnni"))), apply_to = function)
#define SUFFIX _vnni
#define DOT_U8S8(acc, u, s) _mm256_dpbusd_epi32((acc), (u), (s))
#include "internal/quant_simd.h"
#undef SUFFIX
#undef DOT_U8S8
#pragma clang attribute pop
#endif

// MARK: dispatch

static int isa_level = -1;

int spar_quant_best_isa(void) {
#ifdef SPAR_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c")) return 1;
#endif
    return 0;
}

int spar_quant_isa(void) {
    if (isa_level < 0) isa_level = spar_quant_best_isa();
    return isa_level;
}

int spar_quant_set_isa(int level) {
    int best = spar_quant_best_isa();
    isa_level = level < 0 ? 0 : (level > best ? best : level);
    return isa_level;
}

void spar_qmatmul(int type, const void *w, size_t row_bytes, size_t r0, size_t r1, size_t k,
                  const spar_q8_block *x, size_t m, float *y, size_t ldy, int accumulate) {
    switch (spar_quant_isa()) {
#ifdef SPAR_X86
    case 2: qmatmul_vnni(type, w, row_bytes, r0, r1, k, x, m, y, ldy, accumulate); return;
    case 1: qmatmul_avx2(type, w, row_bytes, r0, r1, k, x, m, y, ldy, accumulate); return;
#endif
    default: qmatmul_scalar(type, w, row_bytes, r0, r1, k, x, m, y, ldy, accumulate); return;
    }
}
