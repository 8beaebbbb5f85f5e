# Peer of bench/games/matrix_game.spar: the same 200x200 zero-sum game solved five times with
# scipy.optimize.linprog (HiGHS), as the column player's LP  min v  s.t.  A y <= v, sum y = 1, y >= 0.
import numpy as np
from scipy.optimize import linprog

n = 200
i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
a = ((i * 7919 + j * 104729) % 1009) / 1009
for _ in range(5):
    c = np.zeros(n + 1); c[-1] = 1
    a_ub = np.hstack([a, -np.ones((n, 1))])
    a_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=[1],
                  bounds=[(0, None)] * n + [(None, None)], method="highs")
print(round(res.fun, 6))
