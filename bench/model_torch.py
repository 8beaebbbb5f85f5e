"""PyTorch peer of `spar-bench model`: the same Llama config trained eagerly on the CPU.

Prints `name<TAB>value<TAB>unit` lines with the same names as the Swift benchmark. The model mirrors
Sources/Engine/Model: RMSNorm, rotary positions (rotate-half), causal attention through
scaled_dot_product_attention, SwiGLU, tied output, AdamW with clipping. Run by bench/model.sh.
"""
import sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

V, T, L, C, H, B = 1024, 256, 4, 256, 4, 16
FFN = max(64, ((8 * C + 2) // 3 + 63) // 64 * 64)
D = C // H


class RMSNorm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.weight


def rope_tables():
    inv = 10000.0 ** (-torch.arange(0, D, 2).float() / D)
    ang = torch.arange(T).float()[:, None] * inv[None, :]
    return torch.cat([ang.cos(), ang.cos()], -1), torch.cat([ang.sin(), ang.sin()], -1)


def rotate(x, cos, sin):
    x1, x2 = x[..., : D // 2], x[..., D // 2:]
    return x * cos + torch.cat([-x2, x1], -1) * sin


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.n1, self.n2 = RMSNorm(C), RMSNorm(C)
        self.q, self.k, self.v, self.o = (nn.Linear(C, C, bias=False) for _ in range(4))
        self.gate, self.up = nn.Linear(C, FFN, bias=False), nn.Linear(C, FFN, bias=False)
        self.down = nn.Linear(FFN, C, bias=False)

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        h = self.n1(x)
        q = self.q(h).view(b, t, H, D).transpose(1, 2)
        k = self.k(h).view(b, t, H, D).transpose(1, 2)
        v = self.v(h).view(b, t, H, D).transpose(1, 2)
        q, k = rotate(q, cos[:t], sin[:t]), rotate(k, cos[:t], sin[:t])
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.o(a.transpose(1, 2).reshape(b, t, C))
        h = self.n2(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Llama(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(V, C)
        self.blocks = nn.ModuleList(Block() for _ in range(L))
        self.norm = RMSNorm(C)
        cos, sin = rope_tables()
        self.register_buffer("cos", cos)
        self.register_buffer("sin", sin)

    def forward(self, idx):
        x = self.embed(idx)
        for blk in self.blocks:
            x = blk(x, self.cos, self.sin)
        return self.norm(x) @ self.embed.weight.T


def report(name, value, unit):
    print(f"{name}\t{value}\t{unit}", flush=True)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    torch.manual_seed(1)
    model = Llama()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), weight_decay=0.1)
    x = torch.randint(0, V, (B, T))
    y = torch.randint(0, V, (B, T))
    params = sum(p.numel() for p in model.parameters())

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x).view(-1, V), y.view(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    step()
    samples = []
    for _ in range(steps):
        t0 = time.perf_counter(); step(); samples.append(time.perf_counter() - t0)
    s = sorted(samples)[len(samples) // 2]
    report("train params", params / 1e6, "M")
    report("train step", s * 1e3, "ms")
    report("train tokens/s", B * T / s, "tok/s")
    # Generation without a cache (the whole prefix recomputed per token), as the numbers.
    model.eval()
    with torch.no_grad():
        for batch in (1, 32):
            idx = torch.randint(0, V, (batch, 16))
            n = 64
            t0 = time.perf_counter()
            for _ in range(n):
                nxt = model(idx)[:, -1].argmax(-1, keepdim=True)
                idx = torch.cat([idx, nxt], 1)
            report(f"generate batch {batch}", batch * n / (time.perf_counter() - t0), "tok/s")


if __name__ == "__main__":
    main()
