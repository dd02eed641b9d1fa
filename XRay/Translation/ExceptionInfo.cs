namespace TracingLab.XRay.Translation;

/// <summary>One entry of <c>cause.exceptions</c>.</summary>
internal sealed record ExceptionInfo(string Id, string Type, string Message, bool? Remote, IReadOnlyList<StackFrameInfo> Stack);

/// <summary>One entry of an exception's <c>stack</c>.</summary>
internal readonly record struct StackFrameInfo(string Path, string Label, int Line);
