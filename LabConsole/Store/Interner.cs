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
    private readonly Utf8Entry?[] _utf8Slots;
    private readonly int _mask;

    public Interner(int slotsPowerOfTwo = 1 << 16)
    {
        _slots = new string?[slotsPowerOfTwo];
        _utf8Slots = new Utf8Entry?[slotsPowerOfTwo];
        _mask = slotsPowerOfTwo - 1;
    }

    /// <summary>The string for UTF-8 bytes; when it is interned already, no string is allocated at all.</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxInternedLength)
        {
            return System.Text.Encoding.UTF8.GetString(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & _mask;
        var existing = Volatile.Read(ref _utf8Slots[slot]);
        if (existing is not null && utf8.SequenceEqual(existing.Utf8))
        {
            return existing.Value;
        }

        var value = Intern(System.Text.Encoding.UTF8.GetString(utf8));
        Volatile.Write(ref _utf8Slots[slot], new Utf8Entry(utf8.ToArray(), value));
        return value;
    }

    private sealed record Utf8Entry(byte[] Utf8, string Value);

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
