// The 256-bit SIMD quantized kernels, included twice by quant.c: once compiled for AVX2 + FMA +
// F16C (DOT_U8S8 = maddubs + madd) and once for AVX-512 VNNI (DOT_U8S8 = one vpdpbusd). FN(name)
// gives each copy its own names.
//
// DOT_U8S8(acc, u, s) adds to the 8 int32 lanes of acc the products of the 32 unsigned bytes of u
// with the 32 signed bytes of s, lane j summing bytes 4j .. 4j+3 (so lanes 0-3 cover values 0-15,
// lanes 4-7 values 16-31). Unsigned weights never exceed 128 and activations stay in [-127, 127],
// so maddubs' 16-bit pair sums cannot saturate and both forms give the same integers.
#include <immintrin.h>

static inline float FN(hsum)(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

static inline float FN(half)(const uint8_t *p) {
    uint16_t h;
    memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}

/// 16 bytes of nibbles as 32 values: low nibbles are values 0-15, high nibbles 16-31.
static inline __m256i FN(nibbles16)(const uint8_t *p) {
    const __m128i m4 = _mm_set1_epi8(0x0F);
    __m128i raw = _mm_loadu_si128((const __m128i *)p);
    return _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(raw, 4), m4), _mm_and_si128(raw, m4));
}

static inline __m256i FN(dot)(__m256i u, const int8_t *s) {
    return DOT_U8S8(_mm256_setzero_si256(), u, _mm256_loadu_si256((const __m256i *)s));
}

// Each dot_* computes MR outputs: weight row w (nb blocks of 32 values) against MR activation rows
// starting at x, xs blocks apart. MR is a constant at every call, so the loops over it unroll.

static inline __attribute__((always_inline)) void FN(dot_q8_0)(const uint8_t *w, const spar_q8_block *x, size_t nb,
                                                               size_t xs, const int MR, float *out) {
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (size_t b = 0; b < nb; b++) {
        const uint8_t *blk = w + b * 34;
        float d = FN(half)(blk);
        __m256i q = _mm256_loadu_si256((const __m256i *)(blk + 2));
        __m256i qa = _mm256_sign_epi8(q, q);  // |q| as unsigned bytes (|-128| reads as 128)
        for (int i = 0; i < MR; i++) {
            const spar_q8_block *a = x + i * xs + b;
            __m256i s = _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *)a->q), q);  // a * sign(q)
            __m256i dot = DOT_U8S8(_mm256_setzero_si256(), qa, s);
            acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(d * a->d), _mm256_cvtepi32_ps(dot), acc[i]);
        }
    }
    for (int i = 0; i < MR; i++) out[i] = FN(hsum)(acc[i]);
}

static inline __attribute__((always_inline)) void FN(dot_q4_0)(const uint8_t *w, const spar_q8_block *x, size_t nb,
                                                               size_t xs, const int MR, float *out) {
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float off[4] = {0, 0, 0, 0};
    for (size_t b = 0; b < nb; b++) {
        const uint8_t *blk = w + b * 18;
        float d = FN(half)(blk);
        __m256i q = FN(nibbles16)(blk + 2);
        for (int i = 0; i < MR; i++) {
            const spar_q8_block *a = x + i * xs + b;
            float da = d * a->d;
            acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(da), _mm256_cvtepi32_ps(FN(dot)(q, a->q)), acc[i]);
            off[i] += da * (float)(a->s[0] + a->s[1]);  // sum (q - 8) a = sum q a - 8 sum a
        }
    }
    for (int i = 0; i < MR; i++) out[i] = FN(hsum)(acc[i]) - 8.0f * off[i];
}

static inline __attribute__((always_inline)) void FN(dot_q4_1)(const uint8_t *w, const spar_q8_block *x, size_t nb,
                                                               size_t xs, const int MR, float *out) {
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float off[4] = {0, 0, 0, 0};
    for (size_t b = 0; b < nb; b++) {
        const uint8_t *blk = w + b * 20;
        float d = FN(half)(blk), m = FN(half)(blk + 2);
        __m256i q = FN(nibbles16)(blk + 4);
        for (int i = 0; i < MR; i++) {
            const spar_q8_block *a = x + i * xs + b;
            acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(d * a->d), _mm256_cvtepi32_ps(FN(dot)(q, a->q)), acc[i]);
            off[i] += m * a->d * (float)(a->s[0] + a->s[1]);  // sum (d q + m) a
        }
    }
    for (int i = 0; i < MR; i++) out[i] = FN(hsum)(acc[i]) + off[i];
}

static inline __attribute__((always_inline)) void FN(dot_q4_k)(const uint8_t *w, const spar_q8_block *x, size_t nb,
                                                               size_t xs, const int MR, float *out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float off[4] = {0, 0, 0, 0};
    for (size_t sb = 0; sb < nb / 8; sb++) {
        const uint8_t *blk = w + sb * 144;
        float d = FN(half)(blk), dmin = FN(half)(blk + 2);
        uint8_t sc[8], mn[8];
        q4k_scales(blk + 4, sc, mn);
        for (int c = 0; c < 4; c++) {
            __m256i raw = _mm256_loadu_si256((const __m256i *)(blk + 16 + 32 * c));
            __m256i lo = _mm256_and_si256(raw, m4), hi = _mm256_and_si256(_mm256_srli_epi16(raw, 4), m4);
            for (int i = 0; i < MR; i++) {
                const spar_q8_block *a0 = x + i * xs + sb * 8 + 2 * c, *a1 = a0 + 1;
                acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(d * sc[2 * c] * a0->d), _mm256_cvtepi32_ps(FN(dot)(lo, a0->q)), acc[i]);
                acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(d * sc[2 * c + 1] * a1->d), _mm256_cvtepi32_ps(FN(dot)(hi, a1->q)), acc[i]);
                off[i] += dmin * (mn[2 * c] * a0->d * (float)(a0->s[0] + a0->s[1])
                                  + mn[2 * c + 1] * a1->d * (float)(a1->s[0] + a1->s[1]));
            }
        }
    }
    for (int i = 0; i < MR; i++) out[i] = FN(hsum)(acc[i]) - off[i];
}

static inline __attribute__((always_inline)) void FN(dot_q6_k)(const uint8_t *w, const spar_q8_block *x, size_t nb,
                                                               size_t xs, const int MR, float *out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(0x03);
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    float off[4] = {0, 0, 0, 0};
    for (size_t sb = 0; sb < nb / 8; sb++) {
        const uint8_t *blk = w + sb * 210;
        const int8_t *sc = (const int8_t *)(blk + 192);
        float d = FN(half)(blk + 208);
        for (int h = 0; h < 2; h++) {
            __m256i l0 = _mm256_loadu_si256((const __m256i *)(blk + 64 * h));
            __m256i l1 = _mm256_loadu_si256((const __m256i *)(blk + 64 * h + 32));
            __m256i qh = _mm256_loadu_si256((const __m256i *)(blk + 128 + 32 * h));
            __m256i g[4];
            g[0] = _mm256_or_si256(_mm256_and_si256(l0, m4), _mm256_slli_epi16(_mm256_and_si256(qh, m2), 4));
            g[1] = _mm256_or_si256(_mm256_and_si256(l1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), m2), 4));
            g[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), m4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), m2), 4));
            g[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), m4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), m2), 4));
            for (int j = 0; j < 4; j++) {
                int gi = 4 * h + j;  // value group of 32 in the super-block; scales 2 gi, 2 gi + 1
                float s0 = (float)sc[2 * gi], s1 = (float)sc[2 * gi + 1];
                for (int i = 0; i < MR; i++) {
                    const spar_q8_block *a = x + i * xs + sb * 8 + gi;
                    float da = d * a->d;
                    __m256 scale = _mm256_setr_ps(da * s0, da * s0, da * s0, da * s0, da * s1, da * s1, da * s1, da * s1);
                    acc[i] = _mm256_fmadd_ps(scale, _mm256_cvtepi32_ps(FN(dot)(g[j], a->q)), acc[i]);
                    off[i] += da * (s0 * (float)a->s[0] + s1 * (float)a->s[1]);  // sum (q - 32) a
                }
            }
        }
    }
    for (int i = 0; i < MR; i++) out[i] = FN(hsum)(acc[i]) - 32.0f * off[i];
}

#define SPAR_QMATMUL_TYPE(DOTFN)                                                                  \
    for (size_t r = r0; r < r1; r++) {                                                            \
        const uint8_t *row = (const uint8_t *)w + r * row_bytes;                                  \
        size_t i = 0;                                                                             \
        float o[4];                                                                               \
        for (; i + 4 <= m; i += 4) {                                                              \
            DOTFN(row, x + i * nb, nb, nb, 4, o);                                                 \
            for (int j = 0; j < 4; j++) store(y + (i + j) * ldy + r, o[j], accumulate);          \
        }                                                                                         \
        for (; i < m; i++) {                                                                      \
            DOTFN(row, x + i * nb, nb, nb, 1, o);                                                 \
            store(y + i * ldy + r, o[0], accumulate);                                             \
        }                                                                                         \
    }

static void FN(qmatmul)(int type, const void *w, size_t row_bytes, size_t r0, size_t r1, size_t k,
                        const spar_q8_block *x, size_t m, float *y, size_t ldy, int accumulate) {
    size_t nb = k / 32;
    switch (type) {
    case SPAR_GGML_Q8_0: SPAR_QMATMUL_TYPE(FN(dot_q8_0)) break;
    case SPAR_GGML_Q4_0: SPAR_QMATMUL_TYPE(FN(dot_q4_0)) break;
    case SPAR_GGML_Q4_1: SPAR_QMATMUL_TYPE(FN(dot_q4_1)) break;
    case SPAR_GGML_Q4_K: SPAR_QMATMUL_TYPE(FN(dot_q4_k)) break;
    case SPAR_GGML_Q6_K: SPAR_QMATMUL_TYPE(FN(dot_q6_k)) break;
    default: break;
    }
}
#undef SPAR_QMATMUL_TYPE
