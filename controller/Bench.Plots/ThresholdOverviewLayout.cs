using ScottPlot;

namespace Bench.Plots;

/// <summary>
/// Stacks a fixed-height header (title and legend) above equally tall experiment rows, so the
/// rows keep their height however many there are and the figure grows instead.
/// </summary>
internal sealed class ThresholdOverviewLayout(float headerHeight) : IMultiplotLayout
{
    public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
    {
        var rowCount = subplots.Count - 1;
        var rowHeight = rowCount > 0 ? (figureRect.Height - headerHeight) / rowCount : 0;
        var rectangles = new PixelRect[subplots.Count];
        rectangles[0] = new PixelRect(figureRect.Left, figureRect.Right, figureRect.Top + headerHeight, figureRect.Top);
        for (var row = 0; row < rowCount; row++)
        {
            var top = figureRect.Top + headerHeight + (row * rowHeight);
            rectangles[row + 1] = new PixelRect(figureRect.Left, figureRect.Right, top + rowHeight, top);
        }

        return rectangles;
    }
}
