// libFuzzer target over everything that reads bytes from the network: list pages, batches, error bodies.
#include "core/api/apierror.h"
#include "core/export/batchformat.h"
#include "core/json/batchparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const Parsed<BatchPage> page = BatchParser::parseListPage(body);
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
    (void)BatchParser::parseBatch(body);
    (void)ApiError::fromHttpResponse(500, body, QString()).toString();
    return 0;
}
