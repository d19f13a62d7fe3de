// The LIAR adapter (liar.cc). Private to datasets/.
#ifndef CREDENCE_DATASETS_LIAR_INTERNAL_H_
#define CREDENCE_DATASETS_LIAR_INTERNAL_H_

#include <filesystem>
#include <span>

#include "datasets/dataset.h"

namespace credence::datasets {

// The six labels of LIAR, lowest first: the order of the "liar6" scale.
inline constexpr std::string_view kLiarLabels[] = {"pants-fire", "false", "barely-true",
                                                   "half-true",  "mostly-true", "true"};

Result<ConvertStats> ConvertLiar(std::span<const std::filesystem::path> inputs, RecordSink& sink);

}  // namespace credence::datasets

#endif  // CREDENCE_DATASETS_LIAR_INTERNAL_H_
