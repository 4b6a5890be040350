"""Golden values of jgrad's Generator, from an implementation of the algorithm that Generator.java
documents, written independently of the Java code: SplitMix64 seeding, xoshiro256** steps and jump,
and the derived values (floats, doubles, Lemire's bounded ints, Box-Muller Gaussians with Python's
math library, Fisher-Yates permutations, split and streams). Plain Python 3, no packages.

Usage: python3 generator_golden.py. Prints one line per golden value list, "name v1 v2 ...", with
64-bit words as signed decimals (Java's long) and floating-point values as Python's repr.
GeneratorGoldenScriptTest runs this script and checks that every line equals the constant of the
same name in GeneratorGoldens, which GeneratorTest asserts against jgrad's Generator.
"""
import math

MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
JUMP = (0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def mix(z):
    """The SplitMix64 output function."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Generator:
    def __init__(self, s):
        self.s = list(s)
        self.cached_gaussian = None

    @classmethod
    def seeded(cls, seed):
        x = seed & MASK
        words = []
        for _ in range(4):
            x = (x + GOLDEN_GAMMA) & MASK
            words.append(mix(x))
        return cls(words)

    def copy(self):
        g = Generator(self.s)
        g.cached_gaussian = self.cached_gaussian
        return g

    def next_long(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def jump(self):
        acc = [0, 0, 0, 0]
        for word in JUMP:
            for bit in range(64):
                if word >> bit & 1:
                    acc = [a ^ s for a, s in zip(acc, self.s)]
                self.next_long()
        self.s = acc

    def next_float(self):
        return (self.next_long() >> 40) * 2.0**-24

    def next_double(self):
        return (self.next_long() >> 11) * 2.0**-53

    def bounded(self, n):
        """Lemire's nearly-divisionless method on the top 32 bits, for n in [1, 2^32]."""
        m = (self.next_long() >> 32) * n
        low = m & 0xFFFFFFFF
        if low < n:
            threshold = ((1 << 32) - n) % n
            while low < threshold:
                m = (self.next_long() >> 32) * n
                low = m & 0xFFFFFFFF
        return m >> 32

    def next_int(self, low, high=None):
        if high is None:
            low, high = 0, low
        return low + self.bounded(high - low)

    def next_gaussian(self):
        if self.cached_gaussian is not None:
            value, self.cached_gaussian = self.cached_gaussian, None
            return value
        u1 = 1.0 - self.next_double()
        u2 = self.next_double()
        radius = math.sqrt(-2.0 * math.log(u1))
        theta = 2.0 * math.pi * u2
        self.cached_gaussian = radius * math.sin(theta)
        return radius * math.cos(theta)

    def permutation(self, n):
        a = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.next_int(i + 1)
            a[i], a[j] = a[j], a[i]
        return a

    def split(self):
        while True:
            words = [mix(self.next_long()) for _ in range(4)]
            if any(words):
                return Generator(words)

    def streams(self, n):
        base = self.split()
        result = []
        for i in range(n):
            result.append(base.copy())
            if i < n - 1:
                base.jump()
        return result


def signed(x):
    return x - (1 << 64) if x >> 63 else x


def longs(g, n):
    return [signed(g.next_long()) for _ in range(n)]


def emit(name, values):
    print(name, " ".join(repr(v) for v in values))


def main():
    emit("SPLITMIX64_SEED_1234567", [signed(w) for w in Generator.seeded(1234567).s])
    emit("XOSHIRO_FROM_0001", longs(Generator([0, 0, 0, 1]), 10))
    emit("XOSHIRO_FROM_1234", longs(Generator([1, 2, 3, 4]), 2))
    jumped = Generator([0, 0, 0, 1])
    jumped.jump()
    emit("JUMP_STATE_FROM_0001", [signed(w) for w in jumped.s])
    emit("JUMP_NEXT_FROM_0001", longs(jumped, 3))
    emit("NEXT_LONG_SEED_42", longs(Generator.seeded(42), 5))
    emit("NEXT_LONG_SEED_0", longs(Generator.seeded(0), 5))
    g = Generator.seeded(42)
    emit("NEXT_FLOAT_SEED_42", [g.next_float() for _ in range(5)])
    g = Generator.seeded(42)
    emit("NEXT_DOUBLE_SEED_42", [g.next_double() for _ in range(5)])
    g = Generator.seeded(42)
    emit("NEXT_GAUSSIAN_SEED_42", [g.next_gaussian() for _ in range(6)])
    g = Generator.seeded(42)
    emit("NEXT_INT_10_SEED_42", [g.next_int(10) for _ in range(20)])
    g = Generator.seeded(42)
    emit("NEXT_INT_MINUS_5_TO_5_SEED_42", [g.next_int(-5, 5) for _ in range(10)])
    g = Generator.seeded(42)
    emit("NEXT_INT_FULL_RANGE_SEED_42", [g.next_int(-(2**31), 2**31 - 1) for _ in range(3)])
    emit("PERMUTATION_10_SEED_42", Generator.seeded(42).permutation(10))
    emit("SPLIT_CHILD_SEED_42", longs(Generator.seeded(42).split(), 3))
    emit("STREAMS_FIRST_SEED_42", [longs(s, 1)[0] for s in Generator.seeded(42).streams(3)])


if __name__ == "__main__":
    main()
