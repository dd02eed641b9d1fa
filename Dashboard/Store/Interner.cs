namespace TracingLab.Dashboard.Store;

/// <summary>
/// Lossy, bounded string interning: one slot per hash bucket, replaced on collision. Repeated values (names,
/// attribute keys, methods, routes, service names) share one instance without the table ever growing, and
/// high-cardinality values simply don't stay interned. Thread-safe: a slot read/write is an atomic reference.
/// </summary>
internal sealed class Interner
{
    private const int MaxInternedLength = 256;
    private readonly string?[] _slots;
    private readonly int _mask;

    public Interner(int slotsPowerOfTwo = 1 << 16)
    {
        _slots = new string?[slotsPowerOfTwo];
        _mask = slotsPowerOfTwo - 1;
    }

    public string Intern(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (value.Length > MaxInternedLength)
        {
            return value;
        }

        var slot = string.GetHashCode(value.AsSpan()) & _mask;
        var existing = Volatile.Read(ref _slots[slot]);
        if (existing is not null && string.Equals(existing, value, StringComparison.Ordinal))
        {
            return existing;
        }

        Volatile.Write(ref _slots[slot], value);
        return value;
    }
}
