"""Given names with their gender for the name origins that :mod:`masking.synth.names` has no
list of (its groups are the origins of its generated documents): Greek and Italian, German,
Dutch and French, English (British, Irish, North American), African and Hebrew.

Every name here is one of ``recognizers/data/first_names.txt``'s section of that origin (a test
checks it), so the project's recognizers find the surrogate as a name; the gender is added by
this project from general knowledge of the names (AGPL-3.0-or-later, as the rest of the project;
no data set of people used). Surnames of these origins are read from ``surnames.txt``'s
sections (a surname has no gender).
"""

from __future__ import annotations

# origin → (female given names, male given names), whitespace-separated
EXTRA_GIVEN: dict[str, tuple[str, str]] = {
    "greek_italian": (
        """Aikaterini Alessandra Alessia Angeliki Antigoni Arianna Athina Beatrice Benedetta Caterina
        Chiara Chrysoula Cinzia Despina Dimitra Donatella Eftychia Eirini Eleni Eleonora Elisabetta
        Emanuela Evangelia Federica Fotini Francesca Gaia Giada Ginevra Giorgia Giovanna Giulia Ilaria
        Ioanna Kalliopi Konstantina Kyriaki Letizia Ludovica Margherita Michela Nicoletta Ornella Paola
        Panagiota Paraskevi Patrizia Raffaella Roberta Rossella Serena Stavroula Stefania Theodora
        Tiziana Vasiliki Vittoria""",
        """Alessandro Alessio Alexandros Anastasios Angelo Antonios Apostolos Athanasios Carlo Cesare
        Christos Dario Davide Dimitrios Domenico Edoardo Emanuele Enrico Evangelos Fabrizio Filippo
        Francesco Gabriele Georgios Giacomo Gianluca Giorgio Giovanni Giulio Giuseppe Ioannis Kyriakos
        Konstantinos Leonidas Luigi Marcello Massimo Matteo Maurizio Nikolaos Panagiotis Paolo Pietro
        Raffaele Riccardo Salvatore Spyros Stavros Stefano Theodoros Tommaso Vincenzo Vittorio""",
    ),
    "german_dutch_french": (
        """Amélie Anaïs Anke Annegret Anneke Anouk Antje Aurélie Birte Brigitte Camille Chantal Christiane
        Claire Claudine Colette Corinne Cécile Delphine Elke Femke Frauke Françoise Geneviève Hannelore
        Heike Hélène Ilse Imke Irmgard Jacqueline Jeanne Juliette Jutta Katrin Laure Léa Maaike Manon
        Marieke Martine Mathilde Monique Pauline Renate Sabine Sandrine Sanne Silke Sophie Stéphanie
        Sylvie Ute Valérie Virginie Wiebke Élise""",
        """Alain Antoine Arnaud Bernd Bertrand Christoph Christophe Clément Daan Didier Dieter Dirk Fabien
        Florent François Frédéric Friedrich Geert Guillaume Günter Hartmut Heinrich Heinz Helmut Hendrik
        Henri Horst Jacques Jeroen Jochen Joost Julien Jürgen Klaus Laurent Lothar Maarten Mathieu
        Matthias Maxime Michel Olivier Philippe Pierre Pieter Rainer Reinhard Romain Sjoerd Stéphane
        Thierry Ulrich Volker Wolfgang Wouter Yves""",
    ),
    "english": (
        """Abigail Aisling Alison Amber Amy Aoife Audrey Bridget Bronwen Caoimhe Carol Cheryl Ciara Deborah
        Deirdre Diane Donna Dorothy Eileen Eleanor Emily Fiona Gemma Gillian Grace Gwyneth Heather Holly
        Imogen Jane Janet Jennifer Joanne Judith Kathleen Kayleigh Kirsty Lauren Lucy Margaret Megan
        Melanie Michelle Naomi Niamh Orla Rachel Rhiannon Saoirse Sarah Sharon Sheila Shirley Siobhan
        Tracey""",
        """Aidan Alistair Andrew Angus Anthony Brendan Brian Callum Charles Christopher Ciaran Colin Connor
        Craig Dafydd Declan Dermot Desmond Donald Duncan Eamon Ewan Fergus Gareth Gavin Geoffrey Gordon
        Graham Gregory Hamish Harold Howard Hugh Iain Ian James Jeffrey Jeremy Joseph Keith Kieran
        Malcolm Matthew Neil Niall Nicholas Nigel Patrick Richard Rupert Russell Seamus Shaun Stanley
        Stephen Stuart Timothy Trevor Wayne""",
    ),
    "african": (
        """Abena Achieng Adaeze Adwoa Aissatou Akinyi Akosua Ama Amaka Aminata Atieno Awa Ayelet Binta
        Bukola Chioma Chipo Coumba Dafna Efua Esi Fatoumata Folake Funmilayo Hadas Hadiza Ifeoma Kadiatou
        Lerato Liat Lindiwe Mariama Naama Naledi Ngozi Njeri Nkechi Nomvula Nyambura Oumou Palesa Rehema
        Rivka Shira Thandiwe Tsitsi Wambui Wanjiru Yael Yetunde Zanele""",
        """Abdoulaye Adebayo Amadou Avraham Babatunde Bakary Bongani Boubacar Chaim Chidi Chinedu
        Chukwuemeka Eitan Emeka Ikenna Jabari Kamau Kofi Kojo Kwabena Kwaku Kwame Mamadou Mandla
        Menachem Modou Mordechai Moshe Moussa Mwangi Nnamdi Obinna Ochieng Odhiambo Olumide Otieno
        Ousmane Reuven Segun Sekou Seydou Shimon Shlomo Sipho Souleymane Thabo Themba Tunde Yaakov
        Yehuda Yitzhak Yosef""",
    ),
}

# section headers of recognizers/data/first_names.txt and surnames.txt for these origins
EXTRA_SECTIONS: tuple[tuple[str, str], ...] = (
    ("greek", "greek_italian"),
    ("german", "german_dutch_french"),
    ("english", "english"),
    ("african", "african"),
)
