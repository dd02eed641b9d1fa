using System.Buffers.Binary;

namespace TracingLab.Dashboard.Store;

/// <summary>
/// A minimal protobuf wire-format reader over a span. Malformed input (a bad varint, a length past the end, field
/// number 0, groups) throws <see cref="Otlp.OtlpFormatException"/>; unknown fields are skipped, like Google.Protobuf.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool End => _position >= _data.Length;

    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = (int)(tag >> 3);
        if (field <= 0 || tag > uint.MaxValue)
        {
            throw Malformed($"invalid field number at byte {_position}");
        }

        return (field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Malformed("truncated varint");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Malformed("varint longer than 10 bytes");
    }

    public ulong ReadFixed64()
    {
        if (_data.Length - _position < 8)
        {
            throw Malformed("truncated fixed64");
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public uint ReadFixed32()
    {
        if (_data.Length - _position < 4)
        {
            throw Malformed("truncated fixed32");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Malformed($"length {length} at byte {_position} runs past the end of the message");
        }

        var slice = _data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: ReadFixed64(); break;
            case 2: ReadBytes(); break;
            case 5: ReadFixed32(); break;
            default: throw Malformed($"unsupported wire type {wireType} at byte {_position}");
        }
    }

    private static Otlp.OtlpFormatException Malformed(string what) => new("malformed protobuf: " + what);
}
