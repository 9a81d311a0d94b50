"""Link previews' images are named unguessably, like every other private image."""

import intranet.core.media
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("intranet_feeds", "0004_conversations")]

    operations = [
        migrations.AlterField(
            model_name="post", name="link_image",
            field=models.ImageField(blank=True, storage=intranet.core.media.private_storage,
                                    upload_to=intranet.core.media.UnguessableName(
                                        "feeds/previews"))),
    ]
