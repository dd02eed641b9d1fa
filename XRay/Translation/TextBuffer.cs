namespace TracingLab.XRay.Translation;

/// <summary>A reusable character buffer for text assembled per span (the rebuilt URL), so no intermediate strings.</summary>
internal sealed class TextBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public TextBuffer Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + text.Length));
        }
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
        return this;
    }

    public TextBuffer Append(char c) => Append([c]);

    public override string ToString() => new(AsSpan());
}
