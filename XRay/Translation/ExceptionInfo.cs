namespace TracingLab.XRay.Translation;

/// <summary>One entry of <c>cause.exceptions</c>. <see cref="Cause"/> names the id of the exception that caused this
/// one (Java "Caused by:", Python "During handling of the above exception").</summary>
internal sealed record ExceptionInfo(string Id, string Type, string Message, bool? Remote, List<StackFrameInfo> Stack)
{
    public string? Cause { get; set; }
}

/// <summary>One entry of an exception's <c>stack</c>.</summary>
internal readonly record struct StackFrameInfo(string Path, string Label, int Line);
