namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>The steps every conversion goes through, in order. Built once by <see cref="ConversionPipelineBuilder"/>.</summary>
public sealed class ConversionPipeline(IReadOnlyList<IConversionStep> steps)
{
    public IReadOnlyList<IConversionStep> Steps { get; } = steps;

    public void Apply(ConvertingImage image)
    {
        foreach (var step in Steps)
        {
            step.Apply(image);
        }
    }
}

public sealed class ConversionPipelineBuilder
{
    private readonly List<IConversionStep> steps = [];

    public ConversionPipelineBuilder Add<TStep>() where TStep : IConversionStep, new()
    {
        steps.Add(new TStep());
        return this;
    }

    public ConversionPipeline Build() => new([.. steps]);

    /// <summary>
    /// Drop frames first (no work on frames that will not be kept), orient before measuring, resize,
    /// then flatten and strip on the final pixels.
    /// </summary>
    public static ConversionPipeline Default() => new ConversionPipelineBuilder()
        .Add<FirstFrameStep>()
        .Add<AutoOrientStep>()
        .Add<ResizeStep>()
        .Add<FlattenStep>()
        .Add<MetadataStep>()
        .Build();
}
