package org.ascolto.whatsapp.persistence;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import org.ascolto.adapter.GraphReplies;

/** The replies this adapter took on and how they went through the Cloud API, as {@code text} or {@code template} messages. */
@Singleton
public class SentReplies extends GraphReplies {

    public SentReplies(DataSource dataSource) {
        super(dataSource);
    }
}
