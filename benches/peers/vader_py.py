"""The Python side of the peers comparison (driven by benches/peers/run).

python vader_py.py FILE REPEATS: reads FILE (one message a line), builds vaderSentiment's
analyzer, then times only the scoring loop over every line, REPEATS times, on this one thread,
and prints `engine messages best_seconds mean_compound` (the best of the repeats).
"""

import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main() -> None:
    path, repeats = sys.argv[1], max(1, int(sys.argv[2]))
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    analyzer = SentimentIntensityAnalyzer()
    best, total = float("inf"), 0.0
    for _ in range(repeats):
        total = 0.0
        start = time.perf_counter()
        for line in lines:
            total += analyzer.polarity_scores(line)["compound"]
        best = min(best, time.perf_counter() - start)
    print(f"vaderSentiment {len(lines)} {best:.6f} {total / max(1, len(lines)):.4f}")


if __name__ == "__main__":
    main()
