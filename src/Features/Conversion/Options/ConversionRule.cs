namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>
/// A rule across options, declared by the step or encoder that needs it, run after every option was read:
/// it may complete the options (crop means fit=cover) and refuses combinations that cannot work.
/// </summary>
/// <param name="given">Whether the caller gave the option of that name.</param>
/// <param name="fail">Records a reason against an option's name.</param>
public delegate ConversionOptions ConversionRule(ConversionOptions options, Func<string, bool> given, Action<string, string> fail);
