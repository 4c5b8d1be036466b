namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>One processing step: it reads the options it owns and applies itself, knowing nothing of HTTP.</summary>
public interface IConversionStep
{
    void Apply(ConvertingImage image);
}
