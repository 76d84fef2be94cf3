// libFuzzer target over everything that reads bytes from the network: list pages, batches, error bodies.
#include "core/api/apierror.h"
#include "core/export/batchformat.h"
#include "core/json/batchparser.h"
#include "core/providers/provideradapter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Every provider's adapter reads the same bytes (OpenAI's is BatchParser's fast path).
    for (const Provider provider : Providers::all()) {
        const ProviderAdapter &adapter = ProviderAdapter::of(provider);
        const Parsed<BatchPage> page = adapter.parsePage(body);
        if (page.ok()) {
            // Touch what the table and the exporter will read, so bad values in them show up here.
            for (const Batch &batch : page.value.data) {
                (void)BatchFormat::progress(batch);
                (void)BatchFormat::isoTime(batch.createdAt);
                (void)BatchFormat::isoTime(batch.endedAt());
                (void)batch.rawObject();
            }
            (void)page.value.nextCursor();
        }
        (void)adapter.parseBatch(body);
        (void)adapter.parseFileInfo(body);
        (void)adapter.parseError(500, body, QString()).toString();
    }
    return 0;
}
